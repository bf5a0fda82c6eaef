import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import type { PasswordResetRecord, UserRepository } from '../../application/ports';
import { asUuid } from '../../domain';
import { inTransaction, rows } from './sql';

interface ResetRow {
  token_hash: string;
  user_id: string;
  email: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

const COLUMNS = 'token_hash, user_id, email, created_at, expires_at, used_at';

const resetFromRow = (r: ResetRow): PasswordResetRecord => ({
  tokenHash: r.token_hash,
  userId: asUuid(r.user_id),
  email: r.email,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

/** Spent and expired links are kept this long, so a late click still hears "used" or "expired". */
const KEEP_AFTER_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/** The reset-link members of the Postgres UserRepository (table `password_resets`, catalog). */
export const pgPasswordResets = (
  pool: Pool,
): Pick<UserRepository, 'savePasswordReset' | 'findPasswordReset' | 'spendPasswordReset'> => ({
  savePasswordReset: (reset) =>
    pipe(
      rows(
        pool,
        `WITH pruned AS (DELETE FROM password_resets WHERE expires_at < $7)
         INSERT INTO password_resets (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          reset.tokenHash,
          reset.userId,
          reset.email,
          reset.createdAt,
          reset.expiresAt,
          reset.usedAt,
          new Date(reset.createdAt.getTime() - KEEP_AFTER_EXPIRY_MS),
        ],
        (r) => r,
      ),
      TE.map(() => undefined),
    ),
  findPasswordReset: (tokenHash) =>
    pipe(
      rows(pool, `SELECT ${COLUMNS} FROM password_resets WHERE token_hash = $1`, [tokenHash], resetFromRow),
      TE.map((found) => O.fromNullable(found[0])),
    ),
  // The UPDATE's row lock makes two concurrent spends of one link serialize: the second finds it used.
  spendPasswordReset: (tokenHash, passwordHash, now) =>
    inTransaction(pool, async (c) => {
      const spent = await c.query<{ user_id: string }>(
        `UPDATE password_resets r SET used_at = $2
         FROM users u
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2
           AND u.id = r.user_id AND u.email = r.email
         RETURNING r.user_id`,
        [tokenHash, now],
      );
      const userId = spent.rows[0]?.user_id;
      if (userId === undefined) return E.right(O.none);
      await c.query('UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
      await c.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
      return E.right(O.some(asUuid(userId)));
    }),
});
