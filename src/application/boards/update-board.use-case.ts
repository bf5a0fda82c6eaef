import * as TE from 'fp-ts/TaskEither';
import { commands } from '../../domain';
import type { Application } from '../api';
import { mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';

/** Renames, archives or restores a board; admins and owners may. */
export const updateBoard =
  (deps: AppDeps): Application['boards']['update'] =>
  (actor, teamId, boardId, input, origin) =>
    mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'board.manage' },
      (tx) => TE.fromEither(commands.updateBoard(tx.board, { title: input.title, archived: input.archived })),
      (_event, state) => TE.right(state.board),
    );
