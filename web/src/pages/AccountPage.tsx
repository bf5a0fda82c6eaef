import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  buttonCls,
  dangerCls,
  Field,
  FormProblem,
  OutcomeLine,
  passwordProblem,
  Section,
  useSubmit,
} from '../account/forms';
import { api, useSession, type SessionUser } from '../api/session';
import { Layout } from './Layout';

/** Forgets the user on this device once the server has ended the session (deleted account, signed out everywhere). */
const signedOutHere = () => useSession.getState().forgetHere();

const NameForm = ({ user }: { user: SessionUser }) => {
  const setUser = useSession((s) => s.setUser);
  const [name, setName] = useState(user.name);
  const { outcome, onSubmit } = useSubmit(async () => {
    const res = await api.request<{ user: SessionUser }>('PATCH', '/api/me', { body: { name: name.trim() } });
    setUser(res.user);
    return 'Your name was saved.';
  });
  return (
    <Section id="account-name" title="Name">
      <form onSubmit={onSubmit}>
        <Field id="account-name-input" label="Name" value={name} onChange={setName} autoComplete="name" />
        <button type="submit" className={buttonCls} disabled={outcome.busy || name.trim() === ''}>
          Save name
        </button>
        <OutcomeLine outcome={outcome} />
      </form>
    </Section>
  );
};

const EmailForm = ({ user }: { user: SessionUser }) => {
  const setUser = useSession((s) => s.setUser);
  const [email, setEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const { outcome, onSubmit } = useSubmit(async () => {
    const res = await api.request<{ user: SessionUser }>('PATCH', '/api/me', { body: { email, currentPassword } });
    setUser(res.user);
    setEmail('');
    setCurrentPassword('');
    return `Your e-mail address is now ${res.user.email}.`;
  });
  return (
    <Section id="account-email" title="E-mail address">
      <p className="mb-3 text-sm text-slate-700">
        You sign in with <strong>{user.email}</strong>.
      </p>
      <form onSubmit={onSubmit}>
        <Field
          id="new-email"
          label="New e-mail address"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="email"
        />
        <Field
          id="email-current-password"
          label="Current password"
          type="password"
          value={currentPassword}
          onChange={setCurrentPassword}
          autoComplete="current-password"
        />
        <button type="submit" className={buttonCls} disabled={outcome.busy}>
          Change e-mail
        </button>
        <OutcomeLine outcome={outcome} />
      </form>
    </Section>
  );
};

const PasswordForm = () => {
  const setUser = useSession((s) => s.setUser);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { outcome, onSubmit } = useSubmit(async () => {
    const problem = passwordProblem(next, repeat);
    if (problem) throw new FormProblem(problem);
    const res = await api.request<{ user: SessionUser; accessToken: string }>('POST', '/api/me/password', {
      body: { currentPassword: current, newPassword: next },
    });
    // Every other session ended; this tab carries on with the session the answer brought.
    api.setAccessToken(res.accessToken);
    setUser(res.user);
    setCurrent('');
    setNext('');
    setRepeat('');
    return 'Your password was changed. You were signed out on your other devices.';
  });
  return (
    <Section id="account-password" title="Password">
      <form onSubmit={onSubmit}>
        <Field
          id="password-current"
          label="Current password"
          type="password"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <Field
          id="password-new"
          label="New password"
          type="password"
          value={next}
          onChange={setNext}
          autoComplete="new-password"
        />
        <Field
          id="password-repeat"
          label="Repeat new password"
          type="password"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
        />
        <button type="submit" className={buttonCls} disabled={outcome.busy}>
          Change password
        </button>
        <OutcomeLine outcome={outcome} />
      </form>
    </Section>
  );
};

const SessionsForm = () => {
  const navigate = useNavigate();
  const { outcome, onSubmit } = useSubmit(async () => {
    await api.request('POST', '/api/auth/sessions/revoke-all');
    signedOutHere();
    navigate('/login');
    return null;
  });
  return (
    <Section id="account-sessions" title="Sessions">
      <form onSubmit={onSubmit}>
        <p className="mb-3 text-sm text-slate-700">
          Lost a device, or signed in on a shared computer? End every session, this one included.
        </p>
        <button type="submit" className={buttonCls} disabled={outcome.busy}>
          Sign out everywhere
        </button>
        <OutcomeLine outcome={outcome} />
      </form>
    </Section>
  );
};

const DeleteForm = () => {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const { outcome, onSubmit } = useSubmit(async () => {
    await api.request('DELETE', '/api/me', { body: { currentPassword: password } });
    signedOutHere();
    navigate('/login');
    return null;
  });
  return (
    <Section id="account-delete" title="Delete account">
      <p className="mb-3 text-sm text-slate-700">
        Your account, your memberships and the teams only you belong to are deleted for good. While you are the only
        owner of a team with other members, make one of them an owner first.
      </p>
      {!confirming ? (
        <button type="button" className={dangerCls} onClick={() => setConfirming(true)}>
          Delete my account…
        </button>
      ) : (
        <form onSubmit={onSubmit}>
          <Field
            id="delete-current-password"
            label="Current password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          <div className="flex gap-2">
            <button type="submit" className={dangerCls} disabled={outcome.busy}>
              Delete my account permanently
            </button>
            <button type="button" className="rounded px-3 py-2 underline" onClick={() => setConfirming(false)}>
              Keep my account
            </button>
          </div>
          <OutcomeLine outcome={outcome} />
        </form>
      )}
    </Section>
  );
};

/** The signed-in person's own account: name, e-mail, password, sessions, and leaving for good. */
export const AccountPage = () => {
  const user = useSession((s) => s.user);
  if (!user)
    return (
      <Layout>
        <p>Your account is unavailable offline.</p>
      </Layout>
    );
  return (
    <Layout>
      <h1 className="mb-4 text-2xl font-semibold">Account</h1>
      <NameForm user={user} />
      <EmailForm user={user} />
      <PasswordForm />
      <SessionsForm />
      <DeleteForm />
    </Layout>
  );
};
