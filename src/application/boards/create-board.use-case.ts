import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands, type BoardEvent } from '../../domain';
import type { Application } from '../api';
import { authorize } from '../authorization';
import { asMutation, fromEvent, mutationContext, publishInBackground } from '../board-mutation';
import type { AppDeps } from '../deps';

type BoardCreated = Extract<BoardEvent, { kind: 'board.created' }>;

/** Creates a board (seq 1 of its event log); members and up may. */
export const createBoard =
  (deps: AppDeps): Application['boards']['create'] =>
  (actor, teamId, input, origin) => {
    const boardId = input.id ?? deps.ids.next();
    const ctx = mutationContext(deps, { actor, teamId, boardId, origin, action: 'board.create' });
    // commands.createBoard always decides 'board.created'; its declared type is the wider union.
    const event = commands.createBoard({
      id: boardId,
      teamId,
      title: input.title,
      actor: actor.userId,
      at: ctx.at,
    }) as BoardCreated;
    return pipe(
      authorize(deps)(actor, teamId, 'board.create'),
      TE.chain(() => deps.boards.createBoard(ctx, event)),
      TE.chainFirst(publishInBackground(deps)),
      TE.chain((record) => asMutation(record, fromEvent('board.created', (data) => data.board)(record))),
    );
  };
