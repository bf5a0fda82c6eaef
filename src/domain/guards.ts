import * as E from 'fp-ts/Either';
import type { Board } from './board';
import { conflict, notFound, validation, type AppError } from './errors';
import type { BoardId, TeamId } from './ids';

/** Checks the board decisions share. */

export const writable = (board: Board): E.Either<AppError, Board> =>
  board.archived ? E.left(conflict('The board is archived; restore it first', 'board_archived')) : E.right(board);

/** A list or card of another board (or team) is reported as missing, never as someone else's. */
export const onBoard = <T extends { teamId: TeamId; boardId: BoardId }>(board: Board, entity: T, name: string) =>
  entity.teamId === board.teamId && entity.boardId === board.id ? E.right(entity) : E.left(notFound(name));

export const nonEmpty = (changes: object): E.Either<AppError, void> =>
  Object.values(changes).some((v) => v !== undefined)
    ? E.right(undefined)
    : E.left(validation('Nothing to change', 'empty_patch'));

/** Drops keys whose value is undefined so events carry only real changes. */
export const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
