import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { commands } from '../../domain';
import type { Application } from '../api';
import { listIn, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';

/** Renames, archives or restores a list. */
export const updateList =
  (deps: AppDeps): Application['lists']['update'] =>
  (actor, teamId, boardId, listId, input, origin) =>
    mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'list.write' },
      (tx) =>
        pipe(
          tx.list(listId),
          TE.chainEitherK((list) =>
            commands.updateList(tx.board, list, { title: input.title, archived: input.archived }),
          ),
        ),
      (_event, state) => listIn(state, listId),
    );
