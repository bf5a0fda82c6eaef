import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { messageOf } from '../api/session';

export const inputCls = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';
export const buttonCls = 'rounded bg-indigo-700 px-3 py-2 font-medium text-white disabled:opacity-50';
export const dangerCls = 'rounded bg-red-700 px-3 py-2 font-medium text-white disabled:opacity-50';

/** Error codes of the account routes, in the words a person needs. */
const MESSAGES: Readonly<Record<string, string>> = {
  wrong_password: 'Your current password is not correct.',
  password_required: 'Enter your current password to change your e-mail address.',
  email_taken: 'Another account already uses that e-mail address.',
  rate_limited: 'Too many attempts. Wait a few minutes and try again.',
  reset_token_expired: 'This reset link has expired. Ask for a new one below.',
  reset_token_used: 'This reset link has already been used. Ask for a new one below.',
  reset_token_invalid: 'This reset link is not valid. Ask for a new one below.',
  reset_token_malformed: 'This reset link is incomplete. Copy the whole link from the e-mail, or ask for a new one.',
};

/** A problem the form found before sending anything; its message is meant for the person. */
export class FormProblem extends Error {}

/** A failed request as a sentence; the server's own message where it is not one of ours. */
export const humanError = (err: unknown): string => {
  if (err instanceof FormProblem) return err.message;
  return err instanceof ApiError ? (MESSAGES[err.code] ?? messageOf(err)) : messageOf(err);
};

/** The same length rule the server applies to passwords, said before the request is sent. */
export const passwordProblem = (password: string, repeat?: string): string | null => {
  if (password.length < 8 || password.length > 256) return 'Passwords must be 8 to 256 characters long.';
  if (repeat !== undefined && password !== repeat) return 'The two new passwords do not match.';
  return null;
};

export const Field = ({
  id,
  label,
  type = 'text',
  value,
  onChange,
  autoComplete,
}: {
  id: string;
  label: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: string;
}) => (
  <div className="mb-3">
    <label htmlFor={id} className="block text-sm font-medium">
      {label}
    </label>
    <input
      id={id}
      name={id}
      type={type}
      required
      value={value}
      autoComplete={autoComplete}
      className={inputCls}
      onChange={(e) => onChange(e.target.value)}
    />
  </div>
);

export interface Outcome {
  readonly busy: boolean;
  readonly error: string | null;
  readonly done: string | null;
}

/** Runs a form's action once at a time and keeps its outcome: an error, or a confirmation to show. */
export const useSubmit = (action: () => Promise<string | null>) => {
  const [outcome, setOutcome] = useState<Outcome>({ busy: false, error: null, done: null });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome({ busy: true, error: null, done: null });
    try {
      setOutcome({ busy: false, error: null, done: await action() });
    } catch (err) {
      setOutcome({ busy: false, error: humanError(err), done: null });
    }
  };
  return { outcome, onSubmit: (e: FormEvent) => void onSubmit(e) };
};

/** The error (alert) or confirmation (status) under a form. */
export const OutcomeLine = ({ outcome }: { outcome: Outcome }) => (
  <>
    {outcome.error && (
      <p role="alert" className="mt-2 text-sm text-red-700">
        {outcome.error}
      </p>
    )}
    {outcome.done && (
      <p role="status" className="mt-2 text-sm text-green-800">
        {outcome.done}
      </p>
    )}
  </>
);

/** A titled card on the account page; its heading names the region for assistive technology. */
export const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <section aria-labelledby={id} className="mb-6 rounded-lg bg-white p-4 shadow">
    <h2 id={id} className="mb-3 text-lg font-semibold">
      {title}
    </h2>
    {children}
  </section>
);
