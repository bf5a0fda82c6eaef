import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { can, ROLES, type Role } from '../../../src/domain/roles';
import { api, messageOf, useSession, type TeamWithRole } from '../api/session';
import { newId } from '../sync/ids';
import { Layout } from './Layout';
import { usePageTitle } from './usePageTitle';

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
  const [role, setRole] = useState<Role>('member');
  const [invited, setInvited] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await api.request<{ boards: BoardSummary[] }>('GET', `/api/teams/${team.id}/boards`);
    setBoards(res.boards);
  }, [team.id]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);

  return (
    <section aria-labelledby={`team-${team.id}`} className="mb-6 rounded-lg bg-white p-4 shadow">
      <h2 id={`team-${team.id}`} className="text-lg font-semibold">
        {team.name} <span className="text-sm font-normal text-slate-500">({team.role})</span>
      </h2>
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
        <InlineForm
          label="New board title"
          submitLabel="Create board"
          onSubmit={async (title) => {
            await api.request('POST', `/api/teams/${team.id}/boards`, { body: { title }, idempotencyKey: newId() });
            await load();
          }}
        />
      )}
      {can(team.role, 'team.members.manage') && (
        <InlineForm
          label="Invite by email"
          submitLabel="Invite"
          onSubmit={async (email) => {
            await api.request('POST', `/api/teams/${team.id}/members`, { body: { email, role } });
            setInvited(`${email} was added as ${role}.`);
          }}
        >
          <select aria-label="Role" className={inputCls} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.filter((r) => r !== 'owner' || team.role === 'owner').map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </InlineForm>
      )}
      {invited && (
        <p role="status" className="mt-1 text-sm text-green-700">
          {invited}
        </p>
      )}
    </section>
  );
};

export const TeamsPage = () => {
  const { teams, reloadTeams } = useSession();
  usePageTitle('Teams');
  useEffect(() => {
    void reloadTeams().catch(() => undefined);
  }, [reloadTeams]);
  return (
    <Layout>
      <h1 className="mb-4 text-2xl font-semibold">Your teams</h1>
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
