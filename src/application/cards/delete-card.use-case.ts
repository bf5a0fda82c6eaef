import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands } from '../../domain';
import type { Application } from '../api';
import { mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { filesOfDeletedCards } from '../attachments/forget-files';

/** Deletes a card, its comments and its files. */
export const deleteCard =
  (deps: AppDeps): Application['cards']['delete'] =>
  (actor, teamId, boardId, cardId, origin) => {
    const files = filesOfDeletedCards(deps, teamId);
    return pipe(
      mutateBoard(deps)(
        { actor, teamId, boardId, origin, action: 'card.write' },
        (tx) =>
          pipe(
            tx.card(cardId),
            TE.chainFirstIOK((card) => () => files.note([card])),
            TE.chainEitherK((card) => commands.deleteCard(tx.board, card)),
          ),
        () => TE.right({ id: cardId }),
      ),
      TE.chainFirst(files.forget),
    );
  };
