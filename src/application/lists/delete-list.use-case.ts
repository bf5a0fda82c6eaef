import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands } from '../../domain';
import type { Application } from '../api';
import { mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { filesOfDeletedCards } from '../attachments/forget-files';

/** Deletes a list together with its cards and their files. */
export const deleteList =
  (deps: AppDeps): Application['lists']['delete'] =>
  (actor, teamId, boardId, listId, origin) => {
    const files = filesOfDeletedCards(deps, teamId);
    return pipe(
      mutateBoard(deps)(
        { actor, teamId, boardId, origin, action: 'list.write' },
        (tx) =>
          pipe(
            TE.Do,
            TE.apS('list', tx.list(listId)),
            TE.apS('cardIds', tx.cardIdsOf(listId)),
            TE.chainFirst(({ cardIds }) =>
              pipe(
                TE.sequenceSeqArray(cardIds.map(tx.card)),
                TE.chainFirstIOK((cards) => () => files.note(cards)),
              ),
            ),
            TE.chainEitherK(({ list, cardIds }) => commands.deleteList(tx.board, list, cardIds)),
          ),
        () => TE.right({ id: listId }),
      ),
      TE.chainFirst(files.forget),
    );
  };
