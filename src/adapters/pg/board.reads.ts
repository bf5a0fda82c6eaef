import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import {
  notFound,
  type AppError,
  type BoardEventRecord,
  type BoardId,
  type BoardState,
  type TeamId,
} from '../../domain';
import type { BoardStore } from '../../application/ports';
import {
  BOARD_COLUMNS,
  CARD_COLUMNS,
  COMMENT_COLUMNS,
  EVENT_COLUMNS,
  LIST_COLUMNS,
  boardFromRow,
  cardFromRow,
  commentFromRow,
  eventFromRow,
  listFromRow,
  type BoardRow,
  type CardRow,
  type CommentRow,
  type EventRow,
  type ListRow,
} from './board.rows';
import { inTransaction, one, rows, type Queryable } from './sql';

const boardRow = (db: Queryable, teamId: TeamId, boardId: BoardId) =>
  one(
    db,
    `SELECT ${BOARD_COLUMNS} FROM boards WHERE team_id = $1 AND id = $2`,
    [teamId, boardId],
    (r: BoardRow) => r,
    notFound('Board'),
  );

const byId = <A>(items: readonly A[], id: (a: A) => string): Record<string, A> =>
  Object.fromEntries(items.map((a) => [id(a), a]));

/** Board, lists and cards read in one snapshot transaction, so they agree with the board's seq. */
const snapshot =
  (pool: Pool) =>
  (teamId: TeamId, boardId: BoardId): TE.TaskEither<AppError, BoardState> =>
    inTransaction(pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const scope = [teamId, boardId];
      const read = pipe(
        TE.Do,
        TE.bind('board', () => boardRow(c, teamId, boardId)),
        TE.bind('lists', () =>
          rows(c, `SELECT ${LIST_COLUMNS} FROM lists WHERE team_id = $1 AND board_id = $2`, scope, (r: ListRow) =>
            listFromRow(r),
          ),
        ),
        TE.bind('cards', () =>
          rows(c, `SELECT ${CARD_COLUMNS} FROM cards WHERE team_id = $1 AND board_id = $2`, scope, (r: CardRow) =>
            cardFromRow(r),
          ),
        ),
        TE.map(({ board, lists, cards }) => ({
          board: boardFromRow(board),
          lists: byId(lists, (l) => l.id),
          cards: byId(cards, (cd) => cd.id),
          seq: board.seq,
        })),
      );
      return read();
    });

/** An empty page of events is only an answer for a board that exists. */
const events =
  (pool: Pool, where: string, order: 'ASC' | 'DESC') =>
  (
    teamId: TeamId,
    boardId: BoardId,
    seq: number | null,
    limit: number,
  ): TE.TaskEither<AppError, readonly BoardEventRecord[]> =>
    pipe(
      rows(
        pool,
        `SELECT ${EVENT_COLUMNS} FROM board_events WHERE team_id = $1 AND board_id = $2 AND ${where}
         ORDER BY seq ${order} LIMIT $4`,
        [teamId, boardId, seq, Math.max(0, Math.floor(limit))],
        (r: EventRow) => eventFromRow(r),
      ),
      TE.chain((page) =>
        page.length > 0
          ? TE.right(page)
          : pipe(
              boardRow(pool, teamId, boardId),
              TE.map(() => page),
            ),
      ),
    );

/** Every read of the board store; each is scoped by team AND board, so other teams' ids are not found. */
export const makeBoardReads = (
  pool: Pool,
): Omit<BoardStore, 'createBoard' | 'mutate' | 'commit' | 'commitLocked' | 'replayOf' | 'deleteBoard'> => ({
  listBoards: (teamId) =>
    rows(
      pool,
      `SELECT ${BOARD_COLUMNS} FROM boards WHERE team_id = $1 ORDER BY created_at, id`,
      [teamId],
      (r: BoardRow) => boardFromRow(r),
    ),
  snapshot: snapshot(pool),
  eventsAfter: (teamId, boardId, afterSeq, limit) => events(pool, 'seq > $3', 'ASC')(teamId, boardId, afterSeq, limit),
  eventsBefore: (teamId, boardId, beforeSeq, limit) =>
    events(pool, '($3::bigint IS NULL OR seq < $3)', 'DESC')(teamId, boardId, beforeSeq, limit),
  board: (teamId, boardId) => pipe(boardRow(pool, teamId, boardId), TE.map(boardFromRow)),
  list: (teamId, boardId, listId) =>
    one(
      pool,
      `SELECT ${LIST_COLUMNS} FROM lists WHERE team_id = $1 AND board_id = $2 AND id = $3`,
      [teamId, boardId, listId],
      (r: ListRow) => listFromRow(r),
      notFound('List'),
    ),
  card: (teamId, boardId, cardId) =>
    one(
      pool,
      `SELECT ${CARD_COLUMNS} FROM cards WHERE team_id = $1 AND board_id = $2 AND id = $3`,
      [teamId, boardId, cardId],
      (r: CardRow) => cardFromRow(r),
      notFound('Card'),
    ),
  comments: (teamId, boardId, cardId) =>
    pipe(
      one(
        pool,
        'SELECT id FROM cards WHERE team_id = $1 AND board_id = $2 AND id = $3',
        [teamId, boardId, cardId],
        (r) => r,
        notFound('Card'),
      ),
      TE.chain(() =>
        rows(
          pool,
          `SELECT ${COMMENT_COLUMNS} FROM comments WHERE team_id = $1 AND board_id = $2 AND card_id = $3 ORDER BY created_at, id`,
          [teamId, boardId, cardId],
          (r: CommentRow) => commentFromRow(r),
        ),
      ),
    ),
  boardComments: (teamId, boardId) =>
    pipe(
      one(pool, 'SELECT id FROM boards WHERE team_id = $1 AND id = $2', [teamId, boardId], (r) => r, notFound('Board')),
      TE.chain(() =>
        rows(
          pool,
          `SELECT ${COMMENT_COLUMNS} FROM comments WHERE team_id = $1 AND board_id = $2 ORDER BY created_at, id`,
          [teamId, boardId],
          (r: CommentRow) => commentFromRow(r),
        ),
      ),
    ),
});
