import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, messageOf, useSession } from '../api/session';
import { pendingInvitationToken } from '../api/teams';

const buttonCls = 'rounded bg-indigo-700 px-4 py-2 font-medium text-white disabled:opacity-50';

/** Where the visitor stands with this link: to be signed in, to decide, done, or refused. */
type Stage =
  | { readonly kind: 'decide' }
  | { readonly kind: 'joined'; readonly team: { id: string; name: string } }
  | { readonly kind: 'failed'; readonly message: string };

const Frame = ({ children }: { children: React.ReactNode }) => (
  <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
    <section aria-labelledby="accept-title" className="w-full max-w-md rounded-lg bg-white p-8 shadow">
      <h1 id="accept-title" className="mb-4 text-2xl font-semibold">
        Team invitation
      </h1>
      {children}
    </section>
  </main>
);

/**
 * `/invitations/accept?token=…`, the link in an invitation e-mail. Joining takes a click (consent),
 * never just opening the link; a visitor who is not signed in signs in or up first and is sent back.
 */
export const AcceptInvitationPage = () => {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status, user, reloadTeams } = useSession();
  const [stage, setStage] = useState<Stage>({ kind: 'decide' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Team invitation · Boardroom';
  }, []);
  useEffect(() => {
    if (status === 'anonymous' && token) pendingInvitationToken.save(token);
  }, [status, token]);

  if (!token) return <Frame>This link has no invitation in it. Open the link from the e-mail again.</Frame>;
  if (status === 'unknown') return <Frame>Loading…</Frame>;
  if (status === 'anonymous')
    return (
      <Frame>
        <p className="mb-4">
          To accept, sign in or create an account with the e-mail address the invitation was sent to. You will come back
          here afterwards.
        </p>
        <p className="flex gap-4">
          <Link className={buttonCls} to="/login">
            Log in
          </Link>
          <Link className="rounded border border-indigo-700 px-4 py-2 font-medium text-indigo-700" to="/signup">
            Sign up
          </Link>
        </p>
      </Frame>
    );

  const accept = async () => {
    setBusy(true);
    try {
      const res = await api.request<{ team: { id: string; name: string } }>('POST', '/api/invitations/accept', {
        body: { token },
      });
      await reloadTeams();
      setStage({ kind: 'joined', team: res.team });
    } catch (err) {
      setStage({ kind: 'failed', message: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  if (stage.kind === 'joined')
    return (
      <Frame>
        <p role="status" className="mb-4">
          You joined <bdi className="font-semibold">{stage.team.name}</bdi>.
        </p>
        <Link className="text-indigo-700 underline" to="/app">
          Go to your teams
        </Link>
      </Frame>
    );
  return (
    <Frame>
      <p className="mb-4">
        You are signed in as <bdi className="font-semibold">{user?.name}</bdi>
        {user && (
          <>
            {' '}
            (<bdi>{user.email}</bdi>)
          </>
        )}
        . Accept the invitation to join the team?
      </p>
      {stage.kind === 'failed' && (
        <p role="alert" className="mb-4 text-red-700">
          {stage.message}
        </p>
      )}
      <p className="flex gap-4">
        <button type="button" className={buttonCls} disabled={busy} onClick={() => void accept()}>
          Accept invitation
        </button>
        <Link className="px-4 py-2 text-indigo-700 underline" to="/app">
          Not now
        </Link>
      </p>
    </Frame>
  );
};
