import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, NewNotification, UserId } from '../../../domain';
import type { Clock, DueCard, DueCards, RecordedNotification, SchedulerRuns, TeamRepository } from '../../ports';

const HOUR_MS = 3_600_000;
/** How far ahead a card counts as due soon. */
export const DUE_SOON_MS = 24 * HOUR_MS;
/**
 * How far back an overdue card is still looked at: a scan that missed a card (the service was down) still
 * tells, and a card overdue for longer was told about then. Keys make telling twice impossible anyway.
 */
export const OVERDUE_LOOKBACK_MS = 7 * 24 * HOUR_MS;
export const DUE_SCAN_JOB = 'due-cards';

export interface DueScanDeps {
  readonly dueCards: DueCards;
  readonly teams: TeamRepository;
  readonly runs: SchedulerRuns;
  readonly clock: Clock;
  /** The one way notifications are made (src/application/notifications/notify.ts). */
  readonly notify: (items: readonly NewNotification[]) => TaskEither<AppError, readonly RecordedNotification[]>;
  /** How often the scan is meant to run; instances ticking in between find it claimed. */
  readonly intervalMs: number;
}

const orThrow = async <A>(te: TaskEither<AppError, A>): Promise<A> => {
  const result = await te();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/** The reminders of one card for its assignees who are still team members. Keys name the due instant. */
export const dueNotifications = (card: DueCard, members: ReadonlySet<UserId>, now: Date): NewNotification[] => {
  const kind = Date.parse(card.dueAt) <= now.getTime() ? 'overdue' : 'due_soon';
  return card.assignees
    .filter((userId) => members.has(userId))
    .map((userId) => ({
      userId,
      kind,
      key: `${kind}:${card.cardId}:${card.dueAt}`,
      teamId: card.teamId,
      boardId: card.boardId,
      cardId: card.cardId,
      actor: null,
      title: card.title,
      boardTitle: card.boardTitle,
      excerpt: null,
      at: kind === 'overdue' ? card.dueAt : now.toISOString(),
    }));
};

/**
 * One due-date scan, if this instance is the one to run it this interval: every open assigned card due
 * within 24 h (`due_soon`) or past due (`overdue`), on every shard, notifies its assignees who are members.
 * Answers how many notifications it handed to `notify`, or null when another instance has the turn.
 */
export const scanDueCards = (deps: DueScanDeps) => async (): Promise<number | null> => {
  const now = deps.clock.now();
  // A little under the interval: a timer firing a few ms early still finds its turn.
  if (!(await orThrow(deps.runs.claim(DUE_SCAN_JOB, now, deps.intervalMs * 0.9)))) return null;
  const cards = await orThrow(
    deps.dueCards.dueBetween(new Date(now.getTime() - OVERDUE_LOOKBACK_MS), new Date(now.getTime() + DUE_SOON_MS)),
  );
  const members = new Map<string, ReadonlySet<UserId>>();
  const items: NewNotification[] = [];
  for (const card of cards) {
    let team = members.get(card.teamId);
    if (!team) {
      team = new Set((await orThrow(deps.teams.listMembers(card.teamId))).map((m) => m.userId));
      members.set(card.teamId, team);
    }
    items.push(...dueNotifications(card, team, now));
  }
  if (items.length > 0) await orThrow(deps.notify(items));
  return items.length;
};
