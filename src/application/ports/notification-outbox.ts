import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, BoardEventRecord, UserId } from '../../domain';

/** A committed board event that may notify, with what the shard knew when it was committed. */
export interface OutboxEntry {
  readonly record: BoardEventRecord;
  readonly boardTitle: string;
  /** The event's card's assignees right after the event (empty when it names no card). */
  readonly assignees: readonly UserId[];
}

/**
 * Committed board events waiting to be turned into notifications, one outbox per shard (filled in the
 * commit's own transaction, so a crash after commit loses none).
 */
export interface NotificationOutbox {
  /**
   * Claims up to `limit` entries no other consumer holds, oldest first, hands them to `handle`, and
   * removes them only when `handle` succeeds; on failure (or a crash) they stay for the next drain.
   * Answers how many entries were handled.
   */
  readonly drain: (
    limit: number,
    handle: (entries: readonly OutboxEntry[]) => TaskEither<AppError, void>,
  ) => TaskEither<AppError, number>;
}
