import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import type { NotificationOutbox, OutboxEntry } from '../../application/ports';
import { asUuid, decodeEventRecord, type AppError } from '../../domain';
import { classifyPgError } from './pool';

interface OutboxRow {
  id: string;
  team_id: string;
  board_id: string;
  seq: string;
  kind: string;
  data: unknown;
  actor: string;
  at: Date;
  schema_version: number;
  board_title: string;
  assignees: string[];
}

/** A queued row back into the event it copies, decoded (with upcasters) like any event row. */
const entryOf = (r: OutboxRow): E.Either<string, OutboxEntry> =>
  E.map((record: OutboxEntry['record']) => ({
    record,
    boardTitle: r.board_title,
    assignees: r.assignees.map(asUuid),
  }))(
    decodeEventRecord({
      v: r.schema_version,
      kind: r.kind,
      data: r.data,
      teamId: r.team_id,
      boardId: r.board_id,
      seq: Number(r.seq),
      actor: r.actor,
      origin: null,
      at: r.at.toISOString(),
    }),
  );

type Claimed = { readonly id: string; readonly entry: OutboxEntry };

/** Rows this build can read; one it cannot (a newer schema version, mid-deploy) is left for a build that can. */
const readable = (rows: readonly OutboxRow[]): Claimed[] =>
  rows.flatMap((r) => {
    const entry = entryOf(r);
    return E.isRight(entry) ? [{ id: r.id, entry: entry.right }] : [];
  });

/**
 * Claims, handles and deletes in one transaction on `c`. A Left (or a throw) leaves the caller to roll back.
 */
const claimAndHandle = async (
  c: PoolClient,
  limit: number,
  handle: Parameters<NotificationOutbox['drain']>[1],
): Promise<E.Either<AppError, number>> => {
  const { rows } = await c.query<OutboxRow>(
    `SELECT id, team_id, board_id, seq, kind, data, actor, at, schema_version, board_title, assignees
       FROM notification_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  const claimed = readable(rows);
  if (claimed.length === 0) return E.right(0);
  const handled = await handle(claimed.map((r) => r.entry))();
  if (E.isLeft(handled)) return handled;
  await c.query('DELETE FROM notification_outbox WHERE id = ANY ($1::bigint[])', [claimed.map((r) => r.id)]);
  return E.right(claimed.length);
};

/**
 * One shard's `notification_outbox` (migrations/shard/0010): rows are claimed with FOR UPDATE SKIP LOCKED
 * inside a transaction that stays open while they are handled and deletes them only when handling
 * succeeded. A consumer that dies mid-way rolls back (its connection ends), so the rows come back.
 */
export const makePgNotificationOutbox = (pool: Pool): NotificationOutbox => ({
  drain: (limit, handle) => async () => {
    let c: PoolClient;
    try {
      c = await pool.connect();
    } catch (err) {
      return E.left(classifyPgError(err));
    }
    // The transaction stays open while the catalog is written; a shard lost meanwhile must not crash us.
    let lost: unknown = null;
    const onLost = (err: unknown) => (lost = err);
    c.on('error', onLost);
    try {
      await c.query('BEGIN');
      const result = await claimAndHandle(c, limit, handle);
      await c.query(E.isRight(result) ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => (lost ??= err));
      return E.left(classifyPgError(err));
    } finally {
      c.off('error', onLost);
      c.release(lost !== null);
    }
  },
});
