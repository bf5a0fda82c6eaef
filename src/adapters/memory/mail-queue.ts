import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { ClaimedMailBatch, MailPlacement, MailQueue, MailQueueItem } from '../../application/ports';
import type { AppError, Notification, UserId } from '../../domain';
import { frozenCopy } from './freeze';

interface Item {
  readonly notification: Notification;
  batch: string;
  dueAt: number;
  readonly enqueuedAt: number;
  sentAt: number | null;
}

interface Hold {
  readonly claimId: string;
  readonly until: number;
}

const batchOf = (userId: UserId, batchKey: string): string => JSON.stringify([userId, batchKey]);

/** The e-mail queue in process memory; one process is one sender, so a claim is a note in a Map. */
export class MemoryMailQueue implements MailQueue {
  private readonly items = new Map<string, Item>();
  private readonly holds = new Map<string, Hold>();

  readonly enqueue =
    (items: readonly MailQueueItem[], now: Date): TaskEither<AppError, number> =>
    async () => {
      let added = 0;
      for (const { notification, batchKey, dueAt } of items) {
        if (this.items.has(notification.id)) continue;
        this.items.set(notification.id, {
          notification: frozenCopy(notification),
          batch: batchOf(notification.userId, batchKey),
          dueAt: dueAt.getTime(),
          enqueuedAt: now.getTime(),
          sentAt: null,
        });
        added += 1;
      }
      return E.right(added);
    };

  readonly claimDue =
    (now: Date, limit: number, leaseMs: number, claimId: string): TaskEither<AppError, readonly ClaimedMailBatch[]> =>
    async () => {
      const due = new Map<string, number>();
      for (const item of this.items.values()) {
        if (item.sentAt !== null) continue;
        due.set(item.batch, Math.min(due.get(item.batch) ?? Infinity, item.dueAt));
      }
      const free = [...due]
        .filter(([batch, at]) => at <= now.getTime() && (this.holds.get(batch)?.until ?? 0) <= now.getTime())
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit);
      return E.right(
        free.map(([batch]) => {
          this.holds.set(batch, { claimId, until: now.getTime() + leaseMs });
          const [userId, batchKey] = JSON.parse(batch) as [UserId, string];
          return { claimId, userId, batchKey, items: this.unsentOf(batch) };
        }),
      );
    };

  readonly complete =
    (batch: ClaimedMailBatch, now: Date): TaskEither<AppError, void> =>
    async () => {
      for (const n of batch.items) {
        const item = this.items.get(n.id);
        if (item) item.sentAt = now.getTime();
      }
      this.letGo(batch);
      return E.right(undefined);
    };

  readonly rebatch =
    (userId: UserId, place: MailPlacement, now: Date): TaskEither<AppError, number> =>
    async () => {
      let moved = 0;
      for (const item of this.items.values()) {
        if (item.sentAt !== null || item.notification.userId !== userId) continue;
        if ((this.holds.get(item.batch)?.until ?? 0) > now.getTime()) continue;
        const next = place(item.notification);
        const batch = batchOf(userId, next.batchKey);
        if (batch === item.batch) continue;
        item.batch = batch;
        item.dueAt = next.dueAt.getTime();
        moved += 1;
      }
      return E.right(moved);
    };

  readonly pruneSent =
    (sentBefore: Date): TaskEither<AppError, number> =>
    async () => {
      let pruned = 0;
      for (const [id, item] of this.items) {
        if (item.sentAt === null || item.sentAt >= sentBefore.getTime()) continue;
        this.items.delete(id);
        pruned += 1;
      }
      return E.right(pruned);
    };

  readonly release =
    (batch: ClaimedMailBatch, retryAt: Date): TaskEither<AppError, void> =>
    async () => {
      const key = batchOf(batch.userId, batch.batchKey);
      if (this.holds.get(key)?.claimId === batch.claimId)
        this.holds.set(key, { claimId: '', until: retryAt.getTime() });
      return E.right(undefined);
    };

  private letGo(batch: ClaimedMailBatch): void {
    const key = batchOf(batch.userId, batch.batchKey);
    if (this.holds.get(key)?.claimId === batch.claimId) this.holds.delete(key);
  }

  private unsentOf(batch: string): readonly Notification[] {
    return [...this.items.values()]
      .filter((i) => i.batch === batch && i.sentAt === null)
      .sort((a, b) => a.enqueuedAt - b.enqueuedAt || a.notification.at.localeCompare(b.notification.at))
      .map((i) => i.notification);
  }
}
