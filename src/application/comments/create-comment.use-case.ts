import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { asUuid, commands, Uuid, validation } from '../../domain';
import type { Application } from '../api';
import { fromEvent, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { commentViews, FORMER_USER } from './comment-view';

/** Comments on a card; members and up may. */
export const createComment =
  (deps: AppDeps): Application['comments']['create'] =>
  (actor, teamId, boardId, cardId, input, origin) => {
    if (input.id !== undefined && !Uuid.is(input.id))
      return TE.left(validation('Comment id must be a UUID', 'invalid_id'));
    const id = input.id === undefined ? deps.ids.next() : asUuid(input.id);
    return mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'comment.write' },
      (tx, at) =>
        pipe(
          tx.card(cardId),
          TE.chainEitherK((card) =>
            commands.createComment(tx.board, card, { id, body: input.body, author: actor.userId, at }),
          ),
        ),
      (event) =>
        pipe(
          fromEvent('comment.created', (data) => data.comment)(event),
          TE.chain((comment) =>
            pipe(
              commentViews(deps)([comment]),
              TE.map(([view]) => view ?? { ...comment, authorName: FORMER_USER }),
            ),
          ),
        ),
    );
  };
