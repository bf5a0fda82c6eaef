import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, BoardEventRecord, BoardId, TeamId } from '../../domain';
import type { Actor, Application, SharedSnapshot } from '../api';

/** What a subscriber needs to continue from where it was: the events it missed, or the whole board. */
export type CatchUp =
  | { readonly kind: 'events'; readonly events: readonly BoardEventRecord[] }
  | { readonly kind: 'snapshot'; readonly snapshot: SharedSnapshot };

/** How far behind a subscriber may be before a snapshot is cheaper than replaying the log. */
export const DEFAULT_MAX_CATCH_UP_EVENTS = 500;

const isContiguousFrom = (firstSeq: number, events: readonly BoardEventRecord[]): boolean =>
  events.every((e, i) => e.seq === firstSeq + i);

/**
 * Brings a subscriber from `lastSeq` to now. No `lastSeq`, a `lastSeq` the log does not hold (ahead
 * of it: the board was restored or moved), more than `maxEvents` missed, or a hole in the log answer a
 * snapshot; otherwise the missed events in seq order. Authorization is the read use cases' own.
 */
export const catchUp =
  (app: Pick<Application, 'boards'>, maxEvents = DEFAULT_MAX_CATCH_UP_EVENTS) =>
  (actor: Actor, teamId: TeamId, boardId: BoardId, lastSeq: number | null): TE.TaskEither<AppError, CatchUp> => {
    const snapshot = pipe(
      app.boards.getShared(actor, teamId, boardId),
      TE.map((s): CatchUp => ({ kind: 'snapshot', snapshot: s })),
    );
    if (lastSeq === null) return snapshot;
    // Reading from lastSeq itself (when there is one) proves the log reaches it, without a second query.
    const from = Math.max(lastSeq, 1);
    const proof = lastSeq >= 1 ? 1 : 0;
    return pipe(
      app.boards.events(actor, teamId, boardId, { after: from - 1, limit: maxEvents + proof }),
      TE.chain((page) =>
        !page.hasMore && page.events.length >= proof && isContiguousFrom(from, page.events)
          ? TE.right<AppError, CatchUp>({ kind: 'events', events: page.events.slice(proof) })
          : snapshot,
      ),
    );
  };
