import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, BoardId, CardId, TeamId, UserId } from '../../domain';

/** A card someone is assigned to, with a due instant, not done and not archived (nor its list or board). */
export interface DueCard {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly cardId: CardId;
  readonly title: string;
  readonly boardTitle: string;
  /** ISO instant. */
  readonly dueAt: string;
  readonly assignees: readonly UserId[];
}

/** Cards coming due, across every shard. */
export interface DueCards {
  /** Every open assigned card due after `from` and no later than `until`, on every shard, each once. */
  readonly dueBetween: (from: Date, until: Date) => TaskEither<AppError, readonly DueCard[]>;
}

/** Runs of periodic jobs that must happen once across instances (catalog). */
export interface SchedulerRuns {
  /** True for the one caller that may run `job` now: none ran it in the last `minGapMs`. Records the run. */
  readonly claim: (job: string, now: Date, minGapMs: number) => TaskEither<AppError, boolean>;
}
