import * as E from 'fp-ts/Either';
import type { NotificationOutbox, OutboxEntry } from '../../application/ports';
import { mayNotify, notifiedCardOf, type BoardEventRecord, type BoardState } from '../../domain';

/**
 * The outbox of the memory board store: every committed event that may notify, with the board's title and
 * the card's assignees right after it (what the shard trigger captures on Postgres). Claimed entries are
 * skipped by other drains, as `FOR UPDATE SKIP LOCKED` skips them on Postgres.
 */
export class MemoryNotificationOutbox implements NotificationOutbox {
  private entries: OutboxEntry[] = [];
  private readonly claimed = new Set<OutboxEntry>();
  private readonly wakers = new Set<() => void>();

  /** Keeps a committed event if it may notify; the memory board store calls this on every commit. */
  readonly add = (record: BoardEventRecord, state: BoardState): void => {
    if (!mayNotify(record)) return;
    const cardId = notifiedCardOf(record);
    const assignees = cardId === null ? [] : (state.cards[cardId]?.assignees ?? []);
    this.entries.push({ record, boardTitle: state.board.title, assignees });
    for (const wake of this.wakers) wake();
  };

  /** Calls `wake` whenever an entry is added (the consumer drains at once instead of at its next poll). */
  readonly onAdded = (wake: () => void): (() => void) => {
    this.wakers.add(wake);
    return () => this.wakers.delete(wake);
  };

  /** Entries not yet handled (tests). */
  get size(): number {
    return this.entries.length;
  }

  readonly drain: NotificationOutbox['drain'] = (limit, handle) => async () => {
    const batch = this.entries.filter((e) => !this.claimed.has(e)).slice(0, limit);
    if (batch.length === 0) return E.right(0);
    batch.forEach((e) => this.claimed.add(e));
    try {
      const handled = await handle(batch)();
      if (E.isLeft(handled)) return handled;
      this.entries = this.entries.filter((e) => !batch.includes(e));
      return E.right(batch.length);
    } finally {
      batch.forEach((e) => this.claimed.delete(e));
    }
  };
}
