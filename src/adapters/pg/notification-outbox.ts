import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import type { NotificationOutbox, OutboxEntry } from '../../application/ports';
import { asUuid, decodeEventRecord } from '../../domain';
import { classifyPgError } from './pool';
import { inTransaction } from './sql';

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

/**
 * One shard's `notification_outbox` (migrations/shard/0010): rows are claimed with FOR UPDATE SKIP LOCKED
 * inside a transaction that stays open while they are handled and deletes them only when handling
 * succeeded. A consumer that dies mid-way rolls back (its connection ends), so the rows come back.
 */
export const makePgNotificationOutbox = (pool: Pool): NotificationOutbox => ({
  drain: (limit, handle) =>
    inTransaction(pool, async (c) => {
      const { rows } = await c.query<OutboxRow>(
        `SELECT id, team_id, board_id, seq, kind, data, actor, at, schema_version, board_title, assignees
           FROM notification_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return E.right(0);
      // A row this build cannot read (a newer schema version, mid-deploy) is left for a build that can.
      const readable = rows.flatMap((r) => {
        const entry = entryOf(r);
        return E.isRight(entry) ? [{ id: r.id, entry: entry.right }] : [];
      });
      if (readable.length === 0) return E.right(0);
      const handled = await handle(readable.map((r) => r.entry))();
      if (E.isLeft(handled)) return handled;
      try {
        await c.query('DELETE FROM notification_outbox WHERE id = ANY ($1::bigint[])', [readable.map((r) => r.id)]);
      } catch (err) {
        return E.left(classifyPgError(err));
      }
      return E.right(readable.length);
    }),
});
