import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';

/** Events after a seq, oldest first: how a client fills a gap it noticed in the live stream. */
export const boardEvents =
  (deps: AppDeps): Application['boards']['events'] =>
  (actor, teamId, boardId, page) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      // One extra event tells whether more follow without a count query.
      TE.chain(() => deps.boards.eventsAfter(teamId, boardId, page.after, page.limit + 1)),
      TE.map((events) => ({ events: events.slice(0, page.limit), hasMore: events.length > page.limit })),
    );
