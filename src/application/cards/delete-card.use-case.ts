import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands } from '../../domain';
import type { Application } from '../api';
import { mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';

/** Deletes a card and its comments. */
export const deleteCard =
  (deps: AppDeps): Application['cards']['delete'] =>
  (actor, teamId, boardId, cardId, origin) =>
    mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'card.write' },
      (tx) =>
        pipe(
          tx.card(cardId),
          TE.chainEitherK((card) => commands.deleteCard(tx.board, card)),
        ),
      () => TE.right({ id: cardId }),
    );
