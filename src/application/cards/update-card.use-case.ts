import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands } from '../../domain';
import type { Application } from '../api';
import { cardIn, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';

/** Edits a card's fields, archives or restores it. */
export const updateCard =
  (deps: AppDeps): Application['cards']['update'] =>
  (actor, teamId, boardId, cardId, input, origin) =>
    mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'card.write' },
      (tx, at) =>
        pipe(
          tx.card(cardId),
          TE.chainEitherK((card) => commands.updateCard(tx.board, card, input, at)),
        ),
      (_event, state) => cardIn(state, cardId),
    );
