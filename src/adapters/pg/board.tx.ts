import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { PoolClient } from 'pg';
import {
  notFound,
  resolveAnchor,
  type AppError,
  type Board,
  type CardId,
  type ListId,
  type Placement,
  type Slot,
} from '../../domain';
import type { BoardTx } from '../../application/ports';
import { CARD_COLUMNS, LIST_COLUMNS, cardFromRow, listFromRow, type CardRow, type ListRow } from './board.rows';
import { one, rows } from './sql';

/** Ranked rows of one "column" of the board: the cards of one list, or the board's lists. */
interface Siblings {
  readonly table: 'cards' | 'lists';
  /**
   * Selects the siblings, leaving out the moving one, with `params` as $1..$n. Its equality columns are
   * exactly the leading columns of the table's rank index, so every rank read below is an index range.
   */
  readonly where: string;
  readonly params: readonly unknown[];
}

/**
 * The cards of one list, by (team_id, list_id, rank) — `cards_list_rank_idx`. No board_id term: the list
 * was just read on this board, and a board_id condition let the planner pick `cards_board_idx` and scan
 * every card of the board.
 */
const cardSiblings = (board: Board, listId: ListId, moving: CardId | null): Siblings => ({
  table: 'cards',
  where: 'team_id = $1 AND list_id = $2 AND id IS DISTINCT FROM $3',
  params: [board.teamId, listId, moving],
});

/** The lists of the board, by (team_id, board_id, rank) — `lists_board_rank_idx`. */
const listSiblings = (board: Board, moving: ListId | null): Siblings => ({
  table: 'lists',
  where: 'team_id = $1 AND board_id = $2 AND id IS DISTINCT FROM $3',
  params: [board.teamId, board.id, moving],
});

type RankRow = { rank: string };
const rankOf = (r: RankRow) => r.rank;

/** The rank of the first sibling in `order`, past `bound` when given; null when there is none. */
const edgeRank = (c: PoolClient, s: Siblings, order: 'ASC' | 'DESC', bound: string | null) => {
  const arg = `$${s.params.length + 1}`;
  const past = bound === null ? '' : ` AND rank ${order === 'ASC' ? '>' : '<'} ${arg}`;
  const text = `SELECT rank FROM ${s.table} WHERE ${s.where}${past} ORDER BY rank ${order} LIMIT 1`;
  return pipe(
    rows(c, text, bound === null ? s.params : [...s.params, bound], rankOf),
    TE.map((found) => found[0] ?? null),
  );
};

/** The ranks of the named anchors that are still among `s`, by id. */
const anchorRanks = (c: PoolClient, s: Siblings, at: Placement<string>) => {
  const ids = [at.afterId, at.beforeId].filter((id): id is string => id !== undefined);
  if (ids.length === 0) return TE.right(new Map<string, string>());
  const text = `SELECT id, rank FROM ${s.table} WHERE ${s.where} AND id = ANY($${s.params.length + 1}::uuid[])`;
  return pipe(
    rows(c, text, [...s.params, ids], (r: { id: string; rank: string }) => [r.id, r.rank] as const),
    TE.map((pairs) => new Map(pairs)),
  );
};

/**
 * The slot for an insertion point among `s`: which anchor counts is the domain's stale-anchor rule
 * (`resolveAnchor`), decided on the anchors still present; SQL only reads the neighbouring rank.
 */
const gap = (c: PoolClient, s: Siblings, at: Placement<string>): TE.TaskEither<AppError, Slot> =>
  pipe(
    anchorRanks(c, s, at),
    TE.chain((present): TE.TaskEither<AppError, Slot> => {
      const anchor = resolveAnchor(at, (id) => present.has(id));
      const { placement } = anchor;
      if (anchor.side === 'end')
        return pipe(
          edgeRank(c, s, 'DESC', null),
          TE.map((lower) => ({ lower, upper: null, placement })),
        );
      const rank = present.get(anchor.id)!;
      return anchor.side === 'after'
        ? pipe(
            edgeRank(c, s, 'ASC', rank),
            TE.map((upper) => ({ lower: rank, upper, placement })),
          )
        : pipe(
            edgeRank(c, s, 'DESC', rank),
            TE.map((lower) => ({ lower, upper: rank, placement })),
          );
    }),
  );

/**
 * One row by primary key (team_id, id), then checked to be on `board` here: with a board_id condition in
 * the query the planner could prefer the board index and read every card of the board.
 */
const byKey = <R extends { board_id: string }, A extends { boardId: string }>(
  c: PoolClient,
  board: Board,
  from: string,
  id: string,
  decode: (row: R) => A,
  entity: string,
): TE.TaskEither<AppError, A> =>
  pipe(
    one(c, `${from} WHERE team_id = $1 AND id = $2`, [board.teamId, id], decode, notFound(entity)),
    TE.filterOrElse(
      (found) => found.boardId === board.id,
      () => notFound(entity),
    ),
  );

/** Reads for one mutation, on the transaction's connection, every one scoped to its team and board. */
export const makeBoardTx = (c: PoolClient, board: Board): BoardTx => {
  const list = (listId: ListId) =>
    byKey(c, board, `SELECT ${LIST_COLUMNS} FROM lists`, listId, (r: ListRow) => listFromRow(r), 'List');
  return {
    board,
    list,
    card: (cardId) =>
      byKey(c, board, `SELECT ${CARD_COLUMNS} FROM cards`, cardId, (r: CardRow) => cardFromRow(r), 'Card'),
    cardGap: (listId, at, moving) =>
      pipe(
        list(listId),
        TE.chain(() => gap(c, cardSiblings(board, listId, moving), at)),
      ),
    listGap: (at, moving) => gap(c, listSiblings(board, moving), at),
    cardIdsOf: (listId) =>
      pipe(
        list(listId),
        TE.chain(() =>
          rows(
            c,
            'SELECT id FROM cards WHERE team_id = $1 AND list_id = $2 ORDER BY rank, id',
            [board.teamId, listId],
            (r: { id: CardId }) => r.id,
          ),
        ),
      ),
  };
};
