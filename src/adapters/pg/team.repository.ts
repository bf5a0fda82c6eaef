import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import {
  asUuid,
  conflict,
  decideMembershipChange,
  notFound,
  ROLES,
  type AppError,
  type Member,
  type Role,
  type Team,
} from '../../domain';
import type { TeamMembership, TeamPage, TeamRepository } from '../../application/ports';
import { classifyPgError, sqlState } from './pool';
import { inTransaction, rows } from './sql';

interface TeamRow {
  id: string;
  name: string;
  created_at: Date;
  created_by: string;
}

export interface MemberRow {
  team_id: string;
  user_id: string;
  role: string;
  added_at: Date;
}

const TEAM_COLUMNS = 't.id, t.name, t.created_at, t.created_by';
export const MEMBER_COLUMNS = 'team_id, user_id, role, added_at';

export const roleOf = (s: string): Role => {
  const role = ROLES.find((r) => r === s);
  if (!role) throw new Error(`Corrupt membership role: ${s}`);
  return role;
};

const teamFromRow = (r: TeamRow): Team => ({
  id: asUuid(r.id),
  name: r.name,
  createdAt: r.created_at.toISOString(),
  createdBy: asUuid(r.created_by),
});

export const memberFromRow = (r: MemberRow): Member => ({
  teamId: asUuid(r.team_id),
  userId: asUuid(r.user_id),
  role: roleOf(r.role),
  addedAt: r.added_at.toISOString(),
});

const alreadyMember = conflict('That user is already a member of the team', 'already_member');

const insertMember = (m: Member) => ({
  text: `INSERT INTO memberships (${MEMBER_COLUMNS}) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ${MEMBER_COLUMNS}`,
  values: [m.teamId, m.userId, m.role, m.addedAt],
});

/** A membership naming a team or user the catalog does not hold is a missing team or user, not a bug. */
const addMember =
  (pool: Pool) =>
  (member: Member): TE.TaskEither<AppError, Member> =>
  async () => {
    const { text, values } = insertMember(member);
    try {
      const r = await pool.query<MemberRow>(text, values);
      return r.rows[0] ? E.right(memberFromRow(r.rows[0])) : E.left(alreadyMember);
    } catch (err) {
      if (sqlState(err) === '23503') return E.left(notFound('Team or user'));
      return E.left(classifyPgError(err));
    }
  };

/**
 * Reads the facts and writes the change in one transaction holding the team row's lock, so membership
 * changes of one team are serialized: two owners removing each other cannot both see a second owner.
 */
const changeMembership =
  (pool: Pool): TeamRepository['changeMembership'] =>
  (teamId, actorId, targetId, change) =>
    inTransaction(pool, async (c) => {
      const team = await c.query('SELECT 1 FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
      if (team.rowCount === 0) return E.left(notFound('Team'));
      const found = await c.query<MemberRow & { owners: number }>(
        `SELECT ${MEMBER_COLUMNS}, (SELECT count(*)::int FROM memberships WHERE team_id = $1 AND role = 'owner') AS owners
         FROM memberships WHERE team_id = $1 AND user_id = ANY($2::uuid[])`,
        [teamId, [actorId, targetId]],
      );
      const byUser = new Map(found.rows.map((r) => [r.user_id, memberFromRow(r)]));
      const facts = {
        actor: byUser.get(actorId) ?? null,
        target: byUser.get(targetId) ?? null,
        owners: found.rows[0]?.owners ?? 0,
      };
      const decided = decideMembershipChange(facts, change);
      if (E.isLeft(decided)) return decided;
      if (decided.right === null) {
        await c.query('DELETE FROM memberships WHERE team_id = $1 AND user_id = $2', [teamId, targetId]);
      } else {
        await c.query('UPDATE memberships SET role = $3 WHERE team_id = $1 AND user_id = $2', [
          teamId,
          targetId,
          decided.right.role,
        ]);
      }
      return decided;
    });

/** The teams directory and memberships in the catalog database. */
export const makePgTeamRepository = (pool: Pool): TeamRepository => ({
  create: (team, owner) =>
    inTransaction(pool, async (c) => {
      await c.query('INSERT INTO teams (id, name, created_at, created_by) VALUES ($1, $2, $3, $4)', [
        team.id,
        team.name,
        team.createdAt,
        team.createdBy,
      ]);
      const { text, values } = insertMember(owner);
      await c.query(text, values);
      return E.right(team);
    }),
  findById: (id) =>
    pipe(
      rows(pool, `SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.id = $1`, [id], teamFromRow),
      TE.map((ts) => O.fromNullable(ts[0])),
    ),
  listForUser: (userId, page) =>
    pipe(
      rows(
        pool,
        `SELECT ${TEAM_COLUMNS}, m.role FROM memberships m JOIN teams t ON t.id = m.team_id
         WHERE m.user_id = $1 AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2::timestamptz, $3::uuid))
         ORDER BY t.created_at, t.id LIMIT $4`,
        [userId, page.after?.createdAt ?? null, page.after?.id ?? null, page.limit + 1],
        (r: TeamRow & { role: string }): TeamMembership => ({ team: teamFromRow(r), role: roleOf(r.role) }),
      ),
      TE.map((found): TeamPage => {
        const teams = found.slice(0, page.limit);
        const last = teams[teams.length - 1];
        const next = found.length > page.limit && last ? { createdAt: last.team.createdAt, id: last.team.id } : null;
        return { teams, next };
      }),
    ),
  membership: (teamId, userId) =>
    pipe(
      rows(
        pool,
        `SELECT ${MEMBER_COLUMNS} FROM memberships WHERE team_id = $1 AND user_id = $2`,
        [teamId, userId],
        memberFromRow,
      ),
      TE.map((ms) => O.fromNullable(ms[0])),
    ),
  addMember: addMember(pool),
  listMembers: (teamId) =>
    rows(
      pool,
      `SELECT ${MEMBER_COLUMNS} FROM memberships WHERE team_id = $1 ORDER BY added_at, user_id`,
      [teamId],
      memberFromRow,
    ),
  changeMembership: changeMembership(pool),
});
