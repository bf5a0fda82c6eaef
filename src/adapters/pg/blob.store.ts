import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import { notFound, type TeamId, type Uuid } from '../../domain';
import type { BlobInfo, BlobStore } from '../../application/ports';
import { BlobRefused, meter, quotaExceeded } from '../blobs/meter';
import { checkFence, type FenceView } from './board.store';
import { classifyPgError } from './pool';
import { inTransaction, one } from './sql';

/**
 * Bytes per piece when reading a chunk back. node-postgres reads bytea as hex text, and a string over
 * 128 KiB lands in V8's large-object space, which only a full collection frees: 48 KiB pieces (96 KiB
 * of hex) stay in the young generation and are reclaimed as fast as they are sent.
 */
const READ_PIECE = 48 * 1024;
/** The next chunk after `n` (keyset), in pieces. */
const READ_SQL = `SELECT c.n, substring(c.data from s for ${READ_PIECE}) AS piece
  FROM (SELECT n, data FROM blob_chunks WHERE team_id = $1 AND blob_id = $2 AND n > $3 ORDER BY n LIMIT 1) c,
       generate_series(1, octet_length(c.data), ${READ_PIECE}) AS s
  ORDER BY s`;
/** A team's uploads take turns completing, so two at once cannot both squeeze under the quota. */
const QUOTA_LOCK_SQL = 'SELECT pg_advisory_xact_lock(7420200, hashtext($1))';
const USAGE_SQL = 'SELECT COALESCE(sum(size), 0)::bigint AS used FROM blobs WHERE team_id = $1 AND complete';
// An upload that died with its process left an incomplete blob; the team's next upload clears it.
const SWEEP_SQL = `WITH stale AS (
    DELETE FROM blobs WHERE team_id = $1 AND NOT complete AND created_at < now() - interval '1 day' RETURNING id)
  DELETE FROM blob_chunks WHERE team_id = $1 AND blob_id IN (SELECT id FROM stale)`;

const usedBy = async (db: Pick<Pool, 'query'>, teamId: TeamId): Promise<number> =>
  Number((await db.query<{ used: string }>(USAGE_SQL, [teamId])).rows[0]?.used ?? 0);

/**
 * Blobs on one shard: a `blobs` row, incomplete while `blob_chunks` rows of 256 KiB are written one by
 * one (no transaction held open for the length of an upload), then completed in one short transaction
 * that checks the team's fence and quota. A failed upload deletes what it wrote. Reads go by keyset,
 * a few chunks at a time.
 */
export const makePgBlobStore = (pool: Pool, fence: FenceView): BlobStore => {
  const discard = (teamId: TeamId, blobId: Uuid) =>
    pool
      .query(
        `WITH gone AS (DELETE FROM blobs WHERE team_id = $1 AND id = $2)
         DELETE FROM blob_chunks WHERE team_id = $1 AND blob_id = $2`,
        [teamId, blobId],
      )
      .catch(() => undefined);

  const begin = (teamId: TeamId, blobId: Uuid) =>
    inTransaction(pool, async (c) => {
      const fenced = await checkFence(c, teamId, fence.epoch);
      if (E.isLeft(fenced)) return fenced;
      await c.query(SWEEP_SQL, [teamId]);
      await c.query('INSERT INTO blobs (team_id, id) VALUES ($1, $2)', [teamId, blobId]);
      return E.right(await usedBy(c, teamId));
    });

  const complete = (teamId: TeamId, blobId: Uuid, info: BlobInfo, quotaBytes: number) =>
    inTransaction(pool, async (c) => {
      const fenced = await checkFence(c, teamId, fence.epoch);
      if (E.isLeft(fenced)) return fenced;
      await c.query(QUOTA_LOCK_SQL, [teamId]);
      if ((await usedBy(c, teamId)) + info.size > quotaBytes) return E.left(quotaExceeded());
      await c.query(
        'UPDATE blobs SET size = $3, sha256 = $4, content_type = $5, complete = true WHERE team_id = $1 AND id = $2',
        [teamId, blobId, info.size, info.sha256, info.contentType],
      );
      return E.right(info);
    });

  const put: BlobStore['put'] = (teamId, blobId, data, limits) =>
    pipe(
      begin(teamId, blobId),
      TE.chain((used) => async () => {
        const metered = meter(data, { maxBytes: limits.maxBytes, room: limits.quotaBytes - used });
        try {
          for await (const { n, data: bytes } of metered.chunks) {
            await pool.query('INSERT INTO blob_chunks (team_id, blob_id, n, data) VALUES ($1, $2, $3, $4)', [
              teamId,
              blobId,
              n,
              bytes,
            ]);
          }
          const done = await complete(teamId, blobId, metered.info(), limits.quotaBytes)();
          if (E.isLeft(done)) await discard(teamId, blobId);
          return done;
        } catch (err) {
          await discard(teamId, blobId);
          if (err instanceof BlobRefused) return E.left(err.error);
          return E.left(classifyPgError(err));
        }
      }),
    );

  const readChunks = async function* (teamId: TeamId, blobId: Uuid, size: number) {
    let after = -1;
    let read = 0;
    for (;;) {
      const { rows } = await pool.query<{ n: number; piece: Buffer }>(READ_SQL, [teamId, blobId, after]);
      if (rows.length === 0) break;
      for (const r of rows) {
        read += r.piece.length;
        yield r.piece;
      }
      after = rows[0]!.n;
    }
    // Deleted while being read: a truncated download must fail, never pass for the whole file.
    if (read !== size) throw new Error(`blob ${blobId} ended after ${read} of ${size} bytes`);
  };

  return {
    put,
    get: (teamId, blobId) =>
      pipe(
        one(
          pool,
          'SELECT size, sha256, content_type FROM blobs WHERE team_id = $1 AND id = $2 AND complete',
          [teamId, blobId],
          (r: { size: string; sha256: string; content_type: string }) => ({
            size: Number(r.size),
            sha256: r.sha256,
            contentType: r.content_type,
          }),
          notFound('File'),
        ),
        TE.map((info) => ({ ...info, chunks: readChunks(teamId, blobId, info.size) })),
      ),
    delete: (teamId, blobId) =>
      inTransaction(pool, async (c) => {
        const fenced = await checkFence(c, teamId, fence.epoch);
        if (E.isLeft(fenced)) return fenced;
        await c.query('DELETE FROM blob_chunks WHERE team_id = $1 AND blob_id = $2', [teamId, blobId]);
        await c.query('DELETE FROM blobs WHERE team_id = $1 AND id = $2', [teamId, blobId]);
        return E.right(undefined);
      }),
    usage: (teamId) => async () => {
      try {
        return E.right(await usedBy(pool, teamId));
      } catch (err) {
        return E.left(classifyPgError(err));
      }
    },
  };
};
