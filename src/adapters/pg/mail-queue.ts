import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { Pool, PoolClient } from 'pg';
import type { ClaimedMailBatch, MailPlacement, MailQueue, MailQueueItem } from '../../application/ports';
import { asUuid, Uuid, type Notification, type UserId } from '../../domain';
import { inTransaction } from './sql';

const Nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** A queued notification as stored (jsonb): the notification as the inbox showed it when it was queued. */
const StoredNotification = t.type({
  id: t.string,
  userId: Uuid,
  kind: t.keyof({ assigned: null, mentioned: null, comment: null, due_soon: null, overdue: null, invited: null }),
  key: t.string,
  teamId: Uuid,
  boardId: Nullable(Uuid),
  cardId: Nullable(Uuid),
  actor: Nullable(t.type({ id: Uuid, name: t.string })),
  title: t.string,
  boardTitle: Nullable(t.string),
  excerpt: Nullable(t.string),
  at: t.string,
  readAt: Nullable(t.string),
});

const decodeNotification = (json: unknown): Notification => {
  const decoded = StoredNotification.decode(json);
  if (E.isLeft(decoded)) throw new Error('Corrupt queued notification');
  return decoded.right;
};

const enqueueOne = async (c: PoolClient, item: MailQueueItem, now: Date): Promise<boolean> => {
  const n = item.notification;
  const inserted = await c.query(
    `INSERT INTO mail_queue (notification_id, user_id, batch_key, due_at, notification, enqueued_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (notification_id) DO NOTHING`,
    [n.id, n.userId, item.batchKey, item.dueAt, JSON.stringify(n), now],
  );
  if (inserted.rowCount === 0) return false;
  // Locks the batch row in this transaction, so a sender completing it waits and then sees this item.
  await c.query(
    `INSERT INTO mail_batches (user_id, batch_key, due_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, batch_key) DO UPDATE SET due_at = LEAST(mail_batches.due_at, EXCLUDED.due_at)`,
    [n.userId, item.batchKey, item.dueAt],
  );
  return true;
};

const claim = async (
  c: PoolClient,
  now: Date,
  limit: number,
  leaseMs: number,
  claimId: string,
): Promise<ClaimedMailBatch[]> => {
  // SKIP LOCKED: a batch another sender is claiming right now is not waited for, nor claimed twice.
  const claimed = await c.query<{ user_id: string; batch_key: string }>(
    `UPDATE mail_batches b SET claimed_until = $2, claim_id = $4
     WHERE (b.user_id, b.batch_key) IN (
       SELECT user_id, batch_key FROM mail_batches
       WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
       ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING b.user_id, b.batch_key`,
    [now, new Date(now.getTime() + leaseMs), limit, claimId],
  );
  const out: ClaimedMailBatch[] = [];
  for (const b of claimed.rows) {
    const items = await c.query<{ notification: unknown }>(
      `SELECT notification FROM mail_queue WHERE user_id = $1 AND batch_key = $2 AND sent_at IS NULL
       ORDER BY enqueued_at, notification->>'at', notification_id`,
      [b.user_id, b.batch_key],
    );
    out.push({
      claimId,
      userId: asUuid(b.user_id),
      batchKey: b.batch_key,
      items: items.rows.map((r) => decodeNotification(r.notification)),
    });
  }
  return out;
};

/** Marks the items sent; the batch stays (due at its earliest unsent item) if items came in meanwhile. */
const complete = async (c: PoolClient, batch: ClaimedMailBatch, now: Date): Promise<void> => {
  await c.query('SELECT 1 FROM mail_batches WHERE user_id = $1 AND batch_key = $2 FOR UPDATE', [
    batch.userId,
    batch.batchKey,
  ]);
  await c.query('UPDATE mail_queue SET sent_at = $2 WHERE notification_id = ANY($1::text[]) AND sent_at IS NULL', [
    batch.items.map((n) => n.id),
    now,
  ]);
  const left = await c.query<{ due: Date | null }>(
    'SELECT MIN(due_at) AS due FROM mail_queue WHERE user_id = $1 AND batch_key = $2 AND sent_at IS NULL',
    [batch.userId, batch.batchKey],
  );
  const due = left.rows[0]?.due ?? null;
  if (due === null) {
    await c.query('DELETE FROM mail_batches WHERE user_id = $1 AND batch_key = $2', [batch.userId, batch.batchKey]);
  } else {
    await c.query(
      `UPDATE mail_batches SET due_at = $3,
         claimed_until = CASE WHEN claim_id = $4 THEN NULL ELSE claimed_until END,
         claim_id = CASE WHEN claim_id = $4 THEN NULL ELSE claim_id END
       WHERE user_id = $1 AND batch_key = $2`,
      [batch.userId, batch.batchKey, due, batch.claimId],
    );
  }
};

/** Sets a batch's due time to its earliest unsent item, or deletes it when none is left. */
const settleBatch = async (c: PoolClient, userId: UserId, batchKey: string): Promise<void> => {
  const left = await c.query<{ due: Date | null }>(
    'SELECT MIN(due_at) AS due FROM mail_queue WHERE user_id = $1 AND batch_key = $2 AND sent_at IS NULL',
    [userId, batchKey],
  );
  const due = left.rows[0]?.due ?? null;
  if (due === null) await c.query('DELETE FROM mail_batches WHERE user_id = $1 AND batch_key = $2', [userId, batchKey]);
  else
    await c.query('UPDATE mail_batches SET due_at = $3 WHERE user_id = $1 AND batch_key = $2', [userId, batchKey, due]);
};

/** See `MailQueue.rebatch`: the person's batch rows are locked first, as `enqueueOne` and `complete` do. */
const rebatch = async (c: PoolClient, userId: UserId, place: MailPlacement, now: Date): Promise<number> => {
  const free = await c.query<{ batch_key: string }>(
    `SELECT batch_key FROM mail_batches WHERE user_id = $1 AND (claimed_until IS NULL OR claimed_until <= $2)
     ORDER BY batch_key FOR UPDATE`,
    [userId, now],
  );
  const keys = free.rows.map((r) => r.batch_key);
  if (keys.length === 0) return 0;
  const items = await c.query<{ notification: unknown; batch_key: string }>(
    `SELECT notification, batch_key FROM mail_queue
     WHERE user_id = $1 AND sent_at IS NULL AND batch_key = ANY($2::text[]) ORDER BY enqueued_at`,
    [userId, keys],
  );
  let moved = 0;
  for (const row of items.rows) {
    const n = decodeNotification(row.notification);
    const next = place(n);
    if (next.batchKey === row.batch_key) continue;
    await c.query('UPDATE mail_queue SET batch_key = $2, due_at = $3 WHERE notification_id = $1', [
      n.id,
      next.batchKey,
      next.dueAt,
    ]);
    await c.query(
      `INSERT INTO mail_batches (user_id, batch_key, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, batch_key) DO UPDATE SET due_at = LEAST(mail_batches.due_at, EXCLUDED.due_at)`,
      [userId, next.batchKey, next.dueAt],
    );
    moved += 1;
  }
  for (const key of keys) await settleBatch(c, userId, key);
  return moved;
};

/** The e-mail queue in the catalog; batches are claimed with FOR UPDATE SKIP LOCKED. */
export const makePgMailQueue = (pool: Pool): MailQueue => ({
  enqueue: (items, now) =>
    items.length === 0
      ? TE.right(0)
      : inTransaction(pool, async (c) => {
          let added = 0;
          for (const item of items) if (await enqueueOne(c, item, now)) added += 1;
          return E.right(added);
        }),
  rebatch: (userId, place, now) => inTransaction(pool, async (c) => E.right(await rebatch(c, userId, place, now))),
  pruneSent: (sentBefore) =>
    inTransaction(pool, async (c) => {
      const res = await c.query('DELETE FROM mail_queue WHERE sent_at < $1', [sentBefore]);
      return E.right(res.rowCount ?? 0);
    }),
  claimDue: (now, limit, leaseMs, claimId) =>
    inTransaction(pool, async (c) => E.right(await claim(c, now, limit, leaseMs, claimId))),
  complete: (batch, now) =>
    inTransaction(pool, async (c) => {
      await complete(c, batch, now);
      return E.right(undefined);
    }),
  release: (batch, retryAt) =>
    inTransaction(pool, async (c) => {
      await c.query(
        `UPDATE mail_batches SET claimed_until = $4, claim_id = NULL
         WHERE user_id = $1 AND batch_key = $2 AND claim_id = $3`,
        [batch.userId, batch.batchKey, batch.claimId, retryAt],
      );
      return E.right(undefined);
    }),
});
