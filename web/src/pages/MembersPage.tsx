import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { can, canGrant, ROLES, type Role } from '../../../src/domain/roles';
import { api, messageOf, useSession } from '../api/session';
import type { MemberRow, TeamInvitation } from '../api/teams';
import { Layout } from './Layout';
import { PersonName } from './PersonName';

const inputCls = 'rounded border border-slate-300 px-2 py-1';
const buttonCls = 'rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50';
const quietButtonCls = 'rounded border border-slate-400 px-2 py-0.5 text-sm';

/** One member: name, e-mail, role (a picker for those who may change it) and a remove button. */
const MemberItem = ({
  member,
  myRole,
  isMe,
  onRole,
  onRemove,
}: {
  member: MemberRow;
  myRole: Role;
  isMe: boolean;
  onRole: (role: Role) => void;
  onRemove: () => void;
}) => {
  // Owners and admins may also step down themselves; the server refuses it for the last owner.
  const manageable = canGrant(myRole, member.role);
  return (
    <li className="flex flex-wrap items-center gap-2 py-2" aria-label={`Member ${member.user.name}`}>
      <PersonName name={member.user.name} />
      <span className="text-sm text-slate-600">
        (<bdi>{member.user.email}</bdi>)
      </span>
      {manageable ? (
        <select
          aria-label={`Role of ${member.user.name}`}
          className={inputCls}
          value={member.role}
          onChange={(e) => onRole(e.target.value as Role)}
        >
          {ROLES.filter((r) => canGrant(myRole, r)).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      ) : (
        <span className="rounded bg-slate-200 px-2 text-sm" data-testid="member-role">
          {member.role}
        </span>
      )}
      {isMe && <span className="text-sm text-slate-500">you</span>}
      {manageable && !isMe && (
        <button type="button" className={quietButtonCls} onClick={onRemove}>
          Remove <span className="sr-only">{member.user.name}</span>
        </button>
      )}
    </li>
  );
};

/** The invite-by-e-mail form: the invitee gets a link and joins only if they accept. */
const InviteForm = ({ myRole, onInvite }: { myRole: Role; onInvite: (email: string, role: Role) => Promise<void> }) => {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) return;
    await onInvite(email.trim(), role);
    setEmail('');
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2 flex flex-wrap items-center gap-2">
      <input
        type="email"
        aria-label="Invite by email"
        placeholder="Invite by email"
        className={inputCls}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <select aria-label="Role" className={inputCls} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.filter((r) => canGrant(myRole, r)).map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="submit" className={buttonCls}>
        Invite
      </button>
    </form>
  );
};

/** Pending invitations with a revoke button each. */
const PendingInvitations = ({
  invitations,
  onRevoke,
}: {
  invitations: readonly TeamInvitation[];
  onRevoke: (invitation: TeamInvitation) => void;
}) => (
  <section aria-labelledby="pending-title" className="mt-6">
    <h2 id="pending-title" className="text-lg font-semibold">
      Pending invitations
    </h2>
    {invitations.length === 0 && <p className="text-sm text-slate-600">No pending invitations.</p>}
    <ul>
      {invitations.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center gap-2 py-1" aria-label={`Invitation ${i.email}`}>
          <bdi>{i.email}</bdi>
          <span className="text-sm text-slate-600">
            as {i.role}, invited by <PersonName name={i.invitedBy.name} />, expires {i.expiresAt.slice(0, 10)}
          </span>
          <button type="button" className={quietButtonCls} onClick={() => onRevoke(i)}>
            Revoke <span className="sr-only">invitation of {i.email}</span>
          </button>
        </li>
      ))}
    </ul>
  </section>
);

/** A team's people: members with roles, role changes, removal, leaving, invitations. */
export const MembersPage = () => {
  const { teamId = '' } = useParams();
  const { user, teams, reloadTeams } = useSession();
  const navigate = useNavigate();
  const team = teams.find((t) => t.id === teamId);
  const [members, setMembers] = useState<readonly MemberRow[] | null>(null);
  const [invitations, setInvitations] = useState<readonly TeamInvitation[]>([]);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const myRole = members?.find((m) => m.userId === user?.id)?.role ?? team?.role ?? 'viewer';
  const manages = can(myRole, 'team.members.manage');

  const load = useCallback(async () => {
    const res = await api.request<{ members: MemberRow[] }>('GET', `/api/teams/${teamId}/members`);
    setMembers(res.members);
    const me = res.members.find((m) => m.userId === user?.id);
    if (me && can(me.role, 'team.members.manage')) {
      const pending = await api.request<{ invitations: TeamInvitation[] }>('GET', `/api/teams/${teamId}/invitations`);
      setInvitations(pending.invitations);
    } else setInvitations([]);
  }, [teamId, user?.id]);

  useEffect(() => {
    document.title = `Members of ${team?.name ?? 'team'} · Boardroom`;
  }, [team?.name]);
  useEffect(() => {
    void load().catch((err: unknown) => setNotice({ text: messageOf(err), error: true }));
  }, [load]);

  /** Runs a change, reports its outcome and reloads what it changed. */
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      setNotice({ text: done, error: false });
      await load();
    } catch (err) {
      setNotice({ text: messageOf(err), error: true });
    }
  };

  const leave = async () => {
    if (!window.confirm(`Leave ${team?.name ?? 'this team'}? You will need a new invitation to come back.`)) return;
    try {
      await api.request('POST', `/api/teams/${teamId}/leave`);
      await reloadTeams();
      navigate('/app');
    } catch (err) {
      setNotice({ text: messageOf(err), error: true });
    }
  };

  return (
    <Layout>
      <p className="mb-2 text-sm">
        <Link to="/app" className="text-indigo-700 underline">
          ← Your teams
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold break-words">
        Members of <bdi>{team?.name ?? 'team'}</bdi>
      </h1>
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} className={notice.error ? 'text-red-700' : 'text-green-700'}>
          {notice.text}
        </p>
      )}
      {members === null ? (
        <p className="text-slate-500">Loading members…</p>
      ) : (
        <ul aria-label="Members" className="divide-y divide-slate-200 rounded-lg bg-white px-4 shadow">
          {members.map((m) => (
            <MemberItem
              key={m.userId}
              member={m}
              myRole={myRole}
              isMe={m.userId === user?.id}
              onRole={(role) =>
                void act(
                  () => api.request('PATCH', `/api/teams/${teamId}/members/${m.userId}`, { body: { role } }),
                  `${m.user.name} is now ${role}.`,
                )
              }
              onRemove={() => {
                if (!window.confirm(`Remove ${m.user.name} from the team?`)) return;
                void act(
                  () => api.request('DELETE', `/api/teams/${teamId}/members/${m.userId}`),
                  `${m.user.name} was removed.`,
                );
              }}
            />
          ))}
        </ul>
      )}
      <button type="button" className={`${quietButtonCls} mt-4`} onClick={() => void leave()}>
        Leave team
      </button>
      {manages && (
        <>
          <section aria-labelledby="invite-title" className="mt-6">
            <h2 id="invite-title" className="text-lg font-semibold">
              Invite someone
            </h2>
            <p className="text-sm text-slate-600">They get an e-mail with a link and join only if they accept.</p>
            <InviteForm
              myRole={myRole}
              onInvite={(email, role) =>
                act(
                  () => api.request('POST', `/api/teams/${teamId}/invitations`, { body: { email, role } }),
                  `Invitation sent to ${email}.`,
                )
              }
            />
          </section>
          <PendingInvitations
            invitations={invitations}
            onRevoke={(i) =>
              void act(
                () => api.request('DELETE', `/api/teams/${teamId}/invitations/${i.id}`),
                `The invitation of ${i.email} was revoked.`,
              )
            }
          />
        </>
      )}
    </Layout>
  );
};
