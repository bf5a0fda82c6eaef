import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool, PoolClient } from 'pg';
import type { RefreshTokenRecord, RefreshTokenStore, RotateResult, SuccessorToken } from '../../application/ports';
import { asUuid, unauthenticated, type AppError, type UserId } from '../../domain';
import { inTransaction, rows } from './sql';

interface TokenRow {
  token_hash: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  used: boolean;
}

const recordFromRow = (r: TokenRow): RefreshTokenRecord => ({
  tokenHash: r.token_hash,
  familyId: r.family_id,
  userId: asUuid(r.user_id),
  expiresAt: r.expires_at,
});

const revokedFamily = (): AppError => unauthenticated('The session was ended; please log in again', 'session_revoked');

const TOKEN = `SELECT t.token_hash, t.family_id, f.user_id, t.expires_at, t.used
  FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
  WHERE t.token_hash = $1 AND f.revoked_at IS NULL`;

/** Adds a token to its family (creating the family); false when the family was revoked. */
const addToken = async (db: PoolClient, record: RefreshTokenRecord): Promise<boolean> => {
  // The upsert takes the family's row lock, so it waits for (and then sees) a concurrent revocation.
  const family = await db.query(
    `INSERT INTO refresh_families (id, user_id, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET expires_at = GREATEST(refresh_families.expires_at, EXCLUDED.expires_at)
     WHERE refresh_families.revoked_at IS NULL RETURNING id`,
    [record.familyId, record.userId, record.expiresAt],
  );
  if (family.rowCount === 0) return false;
  await db.query('INSERT INTO refresh_tokens (token_hash, family_id, expires_at) VALUES ($1, $2, $3)', [
    record.tokenHash,
    record.familyId,
    record.expiresAt,
  ]);
  return true;
};

const revoke = async (db: PoolClient, familyId: string): Promise<void> => {
  await db.query('UPDATE refresh_families SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1', [familyId]);
  await db.query('DELETE FROM refresh_tokens WHERE family_id = $1', [familyId]);
};

/**
 * Decides a rotation with the family's row locked, so rotations, replays and revocations of one
 * family run one after another. The token is read again after the lock is granted: under READ
 * COMMITTED that read sees whatever the transaction we waited for committed.
 */
const rotateLocked = async (
  db: PoolClient,
  tokenHash: string,
  successor: SuccessorToken,
  now: Date,
): Promise<E.Either<AppError, O.Option<RotateResult>>> => {
  const located = await db.query<{ family_id: string }>('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [
    tokenHash,
  ]);
  const familyId = located.rows[0]?.family_id;
  if (familyId === undefined) return E.right(O.none);
  await db.query('SELECT 1 FROM refresh_families WHERE id = $1 FOR UPDATE', [familyId]);
  const token = (await db.query<TokenRow>(TOKEN, [tokenHash])).rows[0];
  if (token === undefined) return E.right(O.none);
  const record = recordFromRow(token);
  if (token.used) {
    await revoke(db, familyId);
    return E.right(O.some({ status: 'reused', record }));
  }
  if (record.expiresAt.getTime() <= now.getTime()) return E.right(O.some({ status: 'expired', record }));
  await db.query('UPDATE refresh_tokens SET used = true WHERE token_hash = $1', [tokenHash]);
  await addToken(db, { ...successor, familyId, userId: record.userId });
  return E.right(O.some({ status: 'rotated', record }));
};

/**
 * Refresh tokens in the catalog database: what single-instance deployments without Redis use, so
 * sessions survive a restart. Each member is one transaction; expired families are swept on save.
 */
export const makePgRefreshTokenStore = (pool: Pool): RefreshTokenStore => ({
  save: (record) =>
    inTransaction(pool, async (db) => {
      await db.query('DELETE FROM refresh_families WHERE expires_at < now()');
      return (await addToken(db, record)) ? E.right(undefined) : E.left(revokedFamily());
    }),
  rotate: (tokenHash, successor, now) => inTransaction(pool, (db) => rotateLocked(db, tokenHash, successor, now)),
  find: (tokenHash) =>
    pipe(
      rows(pool, TOKEN, [tokenHash], recordFromRow),
      TE.map((found) => O.fromNullable(found[0])),
    ),
  revokeFamily: (familyId) =>
    inTransaction(pool, async (db) => {
      await db.query('SELECT 1 FROM refresh_families WHERE id = $1 FOR UPDATE', [familyId]);
      await revoke(db, familyId);
      return E.right(undefined);
    }),
  revokeUser: (userId: UserId) =>
    inTransaction(pool, async (db) => {
      // Locked in id order, so two revocations of one user cannot deadlock.
      const families = await db.query<{ id: string }>(
        'SELECT id FROM refresh_families WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id FOR UPDATE',
        [userId],
      );
      for (const { id } of families.rows) await revoke(db, id);
      return E.right(undefined);
    }),
});
