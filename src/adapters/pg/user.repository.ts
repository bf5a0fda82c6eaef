import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool, PoolClient } from 'pg';
import {
  asUuid,
  conflict,
  normalizeEmail,
  notFound,
  NotificationSettingsCodec,
  planAccountDeletion,
  ROLES,
  type AccountDeletion,
  type Role,
  type AppError,
  type NotificationSettings,
  type TeamOfLeavingUser,
  type User,
  type UserId,
} from '../../domain';
import type { Credentials, ProfilePatch, UserRepository } from '../../application/ports';
import { pgPasswordResets } from './password-resets';
import { classifyPgError, sqlState } from './pool';
import { inTransaction, one, rows } from './sql';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  settings: unknown;
  created_at: Date;
}

const COLUMNS = 'id, email, name, password_hash, settings, created_at';

/** Stored settings in either shape (the first one is upcast); anything else is a corrupt row. */
const settingsFromJson = (json: unknown): NotificationSettings => {
  const decoded = NotificationSettingsCodec.decode(json);
  if (E.isLeft(decoded)) throw new Error('Corrupt user settings');
  return decoded.right;
};

const settingsJson = (s: NotificationSettings): string => JSON.stringify(NotificationSettingsCodec.encode(s));

const userFromRow = (r: UserRow): User => ({
  id: asUuid(r.id),
  email: r.email,
  name: r.name,
  settings: settingsFromJson(r.settings),
  createdAt: r.created_at.toISOString(),
});

const credentialsFromRow = (r: UserRow): Credentials => ({ user: userFromRow(r), passwordHash: r.password_hash });

const emailTaken = conflict('That email is already registered', 'email_taken');

/** The first row, if any. */
const first = <A>(te: TE.TaskEither<AppError, A[]>): TE.TaskEither<AppError, O.Option<A>> =>
  pipe(
    te,
    TE.map((as) => O.fromNullable(as[0])),
  );

const roleOf = (s: string): Role => {
  const role = ROLES.find((r) => r === s);
  if (!role) throw new Error(`Corrupt membership role: ${s}`);
  return role;
};

/** Name and/or e-mail; a unique violation on the e-mail is `email_taken`. */
const updateProfile =
  (pool: Pool) =>
  (id: UserId, patch: ProfilePatch): TE.TaskEither<AppError, User> =>
  async () => {
    try {
      const r = await pool.query<UserRow>(
        `UPDATE users SET name = COALESCE($2, name), email = COALESCE($3, email) WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, patch.name ?? null, patch.email === undefined ? null : normalizeEmail(patch.email)],
      );
      return r.rows[0] ? E.right(userFromRow(r.rows[0])) : E.left(notFound('User'));
    } catch (err) {
      return E.left(sqlState(err) === '23505' ? emailTaken : classifyPgError(err));
    }
  };

/**
 * The user's teams with every member, locked: the team rows FOR UPDATE (so nobody joins a team about to
 * be deleted) and the memberships (so no other owner leaves or is demoted while we decide).
 */
const lockTeamsOf = async (c: PoolClient, id: UserId): Promise<TeamOfLeavingUser[]> => {
  const teams = await c.query<{ id: string; name: string }>(
    `SELECT t.id, t.name FROM teams t WHERE t.id IN (SELECT team_id FROM memberships WHERE user_id = $1)
     ORDER BY t.id FOR UPDATE`,
    [id],
  );
  const ids = teams.rows.map((t) => t.id);
  const members = await c.query<{ team_id: string; user_id: string; role: string }>(
    'SELECT team_id, user_id, role FROM memberships WHERE team_id = ANY($1::uuid[]) ORDER BY team_id, user_id FOR UPDATE',
    [ids],
  );
  return teams.rows.map((t) => ({
    team: { id: asUuid(t.id), name: t.name },
    members: members.rows
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ userId: asUuid(m.user_id), role: roleOf(m.role) })),
  }));
};

/** One transaction: lock the user's teams, decide (`planAccountDeletion`), delete solo teams, then the user. */
const deleteAccount =
  (pool: Pool) =>
  (id: UserId): TE.TaskEither<AppError, AccountDeletion> =>
    inTransaction(pool, async (c) => {
      const user = await c.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]);
      if (user.rowCount === 0) return E.left(notFound('User'));
      const plan = planAccountDeletion(id, await lockTeamsOf(c, id));
      if (E.isLeft(plan)) return plan;
      await c.query('DELETE FROM teams WHERE id = ANY($1::uuid[])', [plan.right.delete]);
      // Memberships and reset links go with the user (ON DELETE CASCADE).
      await c.query('DELETE FROM users WHERE id = $1', [id]);
      return plan;
    });

/** Users and credentials in the catalog database. */
export const makePgUserRepository = (pool: Pool): UserRepository => ({
  create: (user, passwordHash) =>
    pipe(
      rows(
        pool,
        `INSERT INTO users (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
        [user.id, normalizeEmail(user.email), user.name, passwordHash, settingsJson(user.settings), user.createdAt],
        userFromRow,
      ),
      TE.chain((created) => (created[0] ? TE.right(created[0]) : TE.left(emailTaken))),
    ),
  findByEmail: (email) =>
    first(rows(pool, `SELECT ${COLUMNS} FROM users WHERE email = $1`, [normalizeEmail(email)], credentialsFromRow)),
  findById: (id) => first(rows(pool, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id], userFromRow)),
  findMany: (ids) =>
    ids.length === 0
      ? TE.right([])
      : rows(pool, `SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]], userFromRow),
  updateSettings: (id, settings) =>
    one(
      pool,
      `UPDATE users SET settings = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, settingsJson(settings)],
      userFromRow,
      notFound('User'),
    ),
  updatePasswordHash: (id, passwordHash) =>
    pipe(
      one(
        pool,
        'UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id',
        [id, passwordHash],
        (r) => r,
        notFound('User'),
      ),
      TE.map(() => undefined),
    ),
  updateProfile: updateProfile(pool),
  deleteAccount: deleteAccount(pool),
  ...pgPasswordResets(pool),
});
