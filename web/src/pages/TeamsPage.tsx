import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { can } from '../../../src/domain/roles';
import { api, messageOf, useSession, type TeamWithRole } from '../api/session';
import { pendingInvitationToken, type MyInvitation } from '../api/teams';
import { teamImporter } from '../imports/import-api';
import { ImportBoard } from '../imports/ImportBoard';
import { newId } from '../sync/ids';
import { Layout } from './Layout';
import { usePageTitle } from './usePageTitle';
import { PersonName } from './PersonName';

interface BoardSummary {
  readonly id: string;
  readonly title: string;
  readonly archived: boolean;
}

const inputCls = 'rounded border border-slate-300 px-2 py-1';
const buttonCls = 'rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50';

/** A one-field form that reports its own errors. */
const InlineForm = ({
  label,
  submitLabel,
  onSubmit,
  children,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (value: string) => Promise<void>;
  children?: React.ReactNode;
}) => {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return;
    try {
      await onSubmit(value.trim());
      setValue('');
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2 flex flex-wrap items-center gap-2">
      <input
        aria-label={label}
        placeholder={label}
        className={inputCls}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      {children}
      <button type="submit" className={buttonCls}>
        {submitLabel}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </form>
  );
};

const TeamCard = ({ team }: { team: TeamWithRole }) => {
  const [boards, setBoards] = useState<BoardSummary[]>([]);
  const load = useCallback(async () => {
    const res = await api.request<{ boards: BoardSummary[] }>('GET', `/api/teams/${team.id}/boards`);
    setBoards(res.boards);
  }, [team.id]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  const importer = useMemo(() => teamImporter(api, team.id), [team.id]);

  return (
    <section aria-labelledby={`team-${team.id}`} className="mb-6 rounded-lg bg-white p-4 shadow">
      <h2 id={`team-${team.id}`} className="text-lg font-semibold break-words">
        <bdi>{team.name}</bdi> <span className="text-sm font-normal text-slate-500">({team.role})</span>
      </h2>
      <p className="text-sm">
        <Link className="text-indigo-700 underline" to={`/app/teams/${team.id}/members`}>
          Members<span className="sr-only"> of {team.name}</span>
        </Link>{' '}
        ·{' '}
        <Link className="text-indigo-700 underline" to={`/app/teams/${team.id}/assigned`}>
          Assigned to me<span className="sr-only"> in {team.name}</span>
        </Link>
      </p>
      <ul className="mt-2 space-y-1">
        {boards
          .filter((b) => !b.archived)
          .map((b) => (
            <li key={b.id}>
              <Link className="text-indigo-700 underline" to={`/app/teams/${team.id}/boards/${b.id}`}>
                {b.title}
              </Link>
            </li>
          ))}
        {boards.length === 0 && <li className="text-sm text-slate-500">No boards yet.</li>}
      </ul>
      {can(team.role, 'board.create') && (
        <>
          <InlineForm
            label="New board title"
            submitLabel="Create board"
            onSubmit={async (title) => {
              await api.request('POST', `/api/teams/${team.id}/boards`, { body: { title }, idempotencyKey: newId() });
              await load();
            }}
          />
          <ImportBoard
            teamId={team.id}
            teamName={team.name}
            importer={importer}
            onImported={() => void load().catch(() => undefined)}
          />
        </>
      )}
    </section>
  );
};

/** Invitations addressed to the signed-in user, each to accept or decline; nothing shows when there are none. */
const InvitationsForYou = ({ onJoined }: { onJoined: () => Promise<void> }) => {
  const [invitations, setInvitations] = useState<readonly MyInvitation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await api.request<{ invitations: MyInvitation[] }>('GET', '/api/me/invitations');
    setInvitations(res.invitations);
  }, []);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  const answer = async (invitation: MyInvitation, verb: 'accept' | 'decline') => {
    try {
      await api.request('POST', `/api/me/invitations/${invitation.id}/${verb}`);
      setError(null);
      await load();
      if (verb === 'accept') await onJoined();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  if (invitations.length === 0 && error === null) return null;
  return (
    <section aria-labelledby="invitations-title" className="mb-6 rounded-lg border border-indigo-200 bg-indigo-50 p-4">
      <h2 id="invitations-title" className="text-lg font-semibold">
        Invitations for you
      </h2>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ul>
        {invitations.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-2 py-1" aria-label={`Invitation to ${i.team.name}`}>
            <span>
              <PersonName name={i.invitedBy.name} /> invited you to <bdi className="font-semibold">{i.team.name}</bdi>{' '}
              as {i.role}.
            </span>
            <button type="button" className={buttonCls} onClick={() => void answer(i, 'accept')}>
              Accept <span className="sr-only">invitation to {i.team.name}</span>
            </button>
            <button
              type="button"
              className="rounded border border-slate-400 px-3 py-1"
              onClick={() => void answer(i, 'decline')}
            >
              Decline <span className="sr-only">invitation to {i.team.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
};

export const TeamsPage = () => {
  const { teams, reloadTeams } = useSession();
  usePageTitle('Teams');
  const navigate = useNavigate();
  // Set by the board page after a board was deleted (docs/card-model.md).
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  useEffect(() => {
    // Back from signing in or up to accept an e-mailed invitation: finish that first.
    const token = pendingInvitationToken.take();
    if (token) navigate(`/invitations/accept?token=${encodeURIComponent(token)}`, { replace: true });
  }, [navigate]);
  useEffect(() => {
    void reloadTeams().catch(() => undefined);
  }, [reloadTeams]);
  return (
    <Layout>
      <h1 className="mb-4 text-2xl font-semibold">Your teams</h1>
      {notice && (
        <p role="status" className="mb-4 rounded bg-amber-100 px-3 py-2 text-sm text-amber-950">
          {notice}
        </p>
      )}
      <InvitationsForYou onJoined={reloadTeams} />
      {teams.map((t) => (
        <TeamCard key={t.id} team={t} />
      ))}
      {teams.length === 0 && (
        <p className="mb-4 text-slate-600">You are not on a team yet. Create one to start a board.</p>
      )}
      <InlineForm
        label="New team name"
        submitLabel="Create team"
        onSubmit={async (name) => {
          await api.request('POST', '/api/teams', { body: { name } });
          await reloadTeams();
        }}
      />
    </Layout>
  );
};
