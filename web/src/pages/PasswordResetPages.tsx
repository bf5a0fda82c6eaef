import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { buttonCls, Field, FormProblem, OutcomeLine, passwordProblem, useSubmit } from '../account/forms';
import { api } from '../api/session';

const Card = ({ title, children }: { title: string; children: ReactNode }) => (
  <main className="flex min-h-screen items-center justify-center bg-slate-100">
    <div className="w-full max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="mb-6 text-2xl font-semibold">{title}</h1>
      {children}
    </div>
  </main>
);

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export const ForgotPasswordPage = () => {
  const [email, setEmail] = useState('');
  const { outcome, onSubmit } = useSubmit(async () => {
    await api.request('POST', '/api/auth/password-reset', { body: { email: email.trim() }, noRefresh: true });
    return `If ${email.trim()} belongs to an account, a link to reset its password is on its way. It works for 30 minutes.`;
  });
  return (
    <Card title="Reset your password">
      <form onSubmit={onSubmit}>
        <p className="mb-4 text-sm text-slate-700">
          Enter the e-mail address you sign in with. We will mail you a link.
        </p>
        <Field id="email" label="Email" type="email" value={email} onChange={setEmail} autoComplete="email" />
        <button type="submit" className={`${buttonCls} w-full`} disabled={outcome.busy}>
          Send reset link
        </button>
        <OutcomeLine outcome={outcome} />
      </form>
      <p className="mt-4 text-sm">
        <Link className="underline" to="/login">
          Back to log in
        </Link>
      </p>
    </Card>
  );
};

/** Opened from the mailed link: sets a new password with the token in the address. */
export const ResetPasswordPage = () => {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { outcome, onSubmit } = useSubmit(async () => {
    const problem = passwordProblem(next, repeat);
    if (problem) throw new FormProblem(problem);
    await api.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, newPassword: next },
      noRefresh: true,
    });
    return 'Your password was changed, and every session was signed out.';
  });
  if (token === '')
    return (
      <Card title="Choose a new password">
        <p role="alert" className="mb-4 text-sm text-red-700">
          This page needs the link from the reset e-mail.
        </p>
        <Link className="underline" to="/forgot-password">
          Ask for a reset link
        </Link>
      </Card>
    );
  return (
    <Card title="Choose a new password">
      {outcome.done ? (
        <>
          <OutcomeLine outcome={outcome} />
          <Link className="mt-4 inline-block underline" to="/login">
            Log in with your new password
          </Link>
        </>
      ) : (
        <form onSubmit={onSubmit}>
          <Field
            id="new-password"
            label="New password"
            type="password"
            value={next}
            onChange={setNext}
            autoComplete="new-password"
          />
          <Field
            id="repeat-password"
            label="Repeat new password"
            type="password"
            value={repeat}
            onChange={setRepeat}
            autoComplete="new-password"
          />
          <button type="submit" className={`${buttonCls} w-full`} disabled={outcome.busy}>
            Set new password
          </button>
          <OutcomeLine outcome={outcome} />
          {outcome.error && (
            <Link className="mt-2 inline-block text-sm underline" to="/forgot-password">
              Ask for a new link
            </Link>
          )}
        </form>
      )}
    </Card>
  );
};
