import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, Notification, UserId } from '../../domain';

/** One notification to e-mail, with the batch it goes out in and when that batch is due at the earliest. */
export interface MailQueueItem {
  readonly notification: Notification;
  /** Items of one person with one key go out as one message (e.g. `card:<cardId>`, `digest:daily`). */
  readonly batchKey: string;
  readonly dueAt: Date;
}

/** Where an item goes when its person's digest settings change: its new batch and when that is due. */
export type MailPlacement = (notification: Notification) => { readonly batchKey: string; readonly dueAt: Date };

/** A batch a sender holds: every unsent item of one person and key, oldest first. */
export interface ClaimedMailBatch {
  readonly claimId: string;
  readonly userId: UserId;
  readonly batchKey: string;
  readonly items: readonly Notification[];
}

/**
 * The durable e-mail queue (catalog). Enqueueing is idempotent by notification id: an item already
 * sent is not queued again, until it is pruned (`pruneSent`, days later). A batch is claimed by one sender at a time (SKIP LOCKED) for a lease.
 */
export interface MailQueue {
  /** Queues the items not queued before (by notification id); answers how many were new. */
  readonly enqueue: (items: readonly MailQueueItem[], now: Date) => TaskEither<AppError, number>;
  /** Claims up to `limit` batches due at `now` that nobody holds, each until `now + leaseMs`, under `claimId`. */
  readonly claimDue: (
    now: Date,
    limit: number,
    leaseMs: number,
    claimId: string,
  ) => TaskEither<AppError, readonly ClaimedMailBatch[]>;
  /** Marks the batch's items sent and lets go of it; items queued since stay for their own batch. */
  readonly complete: (batch: ClaimedMailBatch, now: Date) => TaskEither<AppError, void>;
  /** Lets go of a batch without sending it; it is claimable again from `retryAt`. */
  readonly release: (batch: ClaimedMailBatch, retryAt: Date) => TaskEither<AppError, void>;
  /**
   * Moves the person's unsent items to the batch `place` says (their digest mode changed), except items
   * of a batch a sender holds right now, which go out as claimed. An item whose batch key stays keeps its
   * due time. Answers how many items moved.
   */
  readonly rebatch: (userId: UserId, place: MailPlacement, now: Date) => TaskEither<AppError, number>;
  /**
   * Forgets items sent before `sentBefore` (unsent ones are never touched); answers how many. A
   * notification heard again after that would be queued anew, so the cut-off is days, not minutes.
   */
  readonly pruneSent: (sentBefore: Date) => TaskEither<AppError, number>;
}
