import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { DueCard, DueCards, SchedulerRuns } from '../../application/ports';
import type { AppError } from '../../domain';
import type { MemoryBoardStore } from './board.store';

/** Due cards read from the memory board store's states. */
export class MemoryDueCards implements DueCards {
  constructor(private readonly boards: MemoryBoardStore) {}

  readonly dueBetween =
    (from: Date, until: Date): TaskEither<AppError, readonly DueCard[]> =>
    async () =>
      E.right(
        this.boards.allBoards().flatMap(({ board, lists, cards }) =>
          board.archived
            ? []
            : Object.values(cards).flatMap((c) => {
                const due = c.dueAt === null ? NaN : Date.parse(c.dueAt);
                const open = !c.archived && !c.dueDone && !lists[c.listId]?.archived && c.assignees.length > 0;
                if (!open || !(due > from.getTime() && due <= until.getTime())) return [];
                return [
                  {
                    teamId: c.teamId,
                    boardId: c.boardId,
                    cardId: c.id,
                    title: c.title,
                    boardTitle: board.title,
                    dueAt: new Date(due).toISOString(),
                    assignees: c.assignees,
                  },
                ];
              }),
        ),
      );
}

/** Job runs in process memory: one process is one instance. */
export class MemorySchedulerRuns implements SchedulerRuns {
  private readonly last = new Map<string, number>();

  readonly claim =
    (job: string, now: Date, minGapMs: number): TaskEither<AppError, boolean> =>
    async () => {
      const last = this.last.get(job);
      if (last !== undefined && now.getTime() - last < minGapMs) return E.right(false);
      this.last.set(job, now.getTime());
      return E.right(true);
    };
}
