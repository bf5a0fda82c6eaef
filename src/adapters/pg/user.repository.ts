import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import {
  asUuid,
  conflict,
  normalizeEmail,
  notFound,
  type AppError,
  type NotificationSettings,
  type User,
} from '../../domain';
import type { Credentials, UserRepository } from '../../application/ports';
import { one, rows } from './sql';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  settings: unknown;
  created_at: Date;
}

const COLUMNS = 'id, email, name, password_hash, settings, created_at';

const flag = (o: Record<string, unknown>, key: keyof NotificationSettings): boolean => {
  const v = o[key];
  if (typeof v !== 'boolean') throw new Error(`Corrupt user settings: ${key} is not a boolean`);
  return v;
};

const settingsFromJson = (json: unknown): NotificationSettings => {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  return {
    emailOnMention: flag(o, 'emailOnMention'),
    emailOnAssignment: flag(o, 'emailOnAssignment'),
    dailyDigest: flag(o, 'dailyDigest'),
  };
};

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

/** Users and credentials in the catalog database. */
export const makePgUserRepository = (pool: Pool): UserRepository => ({
  create: (user, passwordHash) =>
    pipe(
      rows(
        pool,
        `INSERT INTO users (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
        [user.id, normalizeEmail(user.email), user.name, passwordHash, JSON.stringify(user.settings), user.createdAt],
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
      [id, JSON.stringify(settings)],
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
});
