import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { messageOf, useSession } from '../api/session';
import { usePageTitle } from './usePageTitle';

const input = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

const Field = ({
  id,
  label,
  type = 'text',
  value,
  onChange,
  autoComplete,
  hint,
}: {
  id: string;
  label: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: string;
  /** The rule the server checks, shown before the person submits. */
  hint?: string;
}) => (
  <div className="mb-4">
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
      aria-describedby={hint ? `${id}-hint` : undefined}
      className={input}
      onChange={(e) => onChange(e.target.value)}
    />
    {hint && (
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        {hint}
      </p>
    )}
  </div>
);

const AuthForm = ({
  title,
  submit,
  children,
  footer,
}: {
  title: string;
  submit: () => Promise<void>;
  children: React.ReactNode;
  footer: React.ReactNode;
}) => {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  usePageTitle(title);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submit();
      navigate('/app');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100">
      <form
        onSubmit={(e) => void onSubmit(e)}
        className="w-full max-w-sm rounded-lg bg-white p-8 shadow"
        aria-labelledby="auth-title"
      >
        <h1 id="auth-title" className="mb-6 text-2xl font-semibold">
          {title}
        </h1>
        {children}
        {error && (
          <p role="alert" className="mb-4 text-sm text-red-700">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded bg-indigo-700 py-2 font-medium text-white disabled:opacity-50"
        >
          {title}
        </button>
        <p className="mt-4 text-sm">{footer}</p>
      </form>
    </main>
  );
};

export const LoginPage = () => {
  const logIn = useSession((s) => s.logIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthForm
      title="Log in"
      submit={() => logIn(email, password)}
      footer={
        <>
          <Link className="underline" to="/forgot-password">
            Forgot password?
          </Link>
          <br />
          No account?{' '}
          <Link className="underline" to="/signup">
            Sign up
          </Link>
        </>
      }
    >
      <Field id="email" label="Email" type="email" value={email} onChange={setEmail} autoComplete="email" />
      <Field
        id="password"
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
    </AuthForm>
  );
};

export const SignupPage = () => {
  const signUp = useSession((s) => s.signUp);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthForm
      title="Sign up"
      submit={() => signUp(name.trim(), email, password)}
      footer={
        <>
          Have an account?{' '}
          <Link className="underline" to="/login">
            Log in
          </Link>
        </>
      }
    >
      <Field id="name" label="Name" value={name} onChange={setName} autoComplete="name" />
      <Field id="email" label="Email" type="email" value={email} onChange={setEmail} autoComplete="email" />
      <Field
        id="password"
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        hint="8 to 256 characters."
      />
    </AuthForm>
  );
};
