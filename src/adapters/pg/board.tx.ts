import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { PoolClient } from 'pg';
import { notFound, type AppError, type Board, type CardId, type Gap, type ListId, type Placement } from '../../domain';
import type { BoardTx } from '../../application/ports';
import { CARD_COLUMNS, LIST_COLUMNS, cardFromRow, listFromRow, type CardRow, type ListRow } from './board.rows';
import { one, rows } from './sql';

/** Ranked rows of one "column" of the board: the cards of one list, or the board's lists. */
interface Siblings {
  readonly table: 'cards' | 'lists';
  /** Selects the siblings, leaving out the moving one, with `params` as $1..$n. */
  readonly where: string;
  readonly params: readonly unknown[];
  readonly entity: string;
}

const cardSiblings = (board: Board, listId: ListId, moving: CardId | null): Siblings => ({
  table: 'cards',
  where: 'team_id = $1 AND board_id = $2 AND id IS DISTINCT FROM $3 AND list_id = $4',
  params: [board.teamId, board.id, moving, listId],
  entity: 'Card',
});

const listSiblings = (board: Board, moving: ListId | null): Siblings => ({
  table: 'lists',
  where: 'team_id = $1 AND board_id = $2 AND id IS DISTINCT FROM $3',
  params: [board.teamId, board.id, moving],
  entity: 'List',
});

type RankRow = { rank: string | null };
const rankOf = (r: RankRow) => r.rank;

/**
 * The neighbours of an insertion point among `s`: after an anchor, the anchor and the next rank above
 * it; before one, the symmetric; with no anchor, the last rank. An anchor outside `s` is not found.
 */
const gap = (c: PoolClient, s: Siblings, at: Placement<string>): TE.TaskEither<AppError, Gap> => {
  const arg = `$${s.params.length + 1}`;
  const anchorId = at.afterId ?? at.beforeId;
  if (anchorId === undefined) {
    const last = `SELECT max(rank) AS rank FROM ${s.table} WHERE ${s.where}`;
    return pipe(
      one(c, last, s.params, rankOf, notFound(s.entity)),
      TE.map((lower) => ({ lower, upper: null })),
    );
  }
  const anchor = `SELECT rank FROM ${s.table} WHERE ${s.where} AND id = ${arg}`;
  const after = at.afterId !== undefined;
  const neighbour = after
    ? `SELECT min(rank) AS rank FROM ${s.table} WHERE ${s.where} AND rank > ${arg}`
    : `SELECT max(rank) AS rank FROM ${s.table} WHERE ${s.where} AND rank < ${arg}`;
  return pipe(
    one(c, anchor, [...s.params, anchorId], rankOf, notFound(s.entity)),
    TE.chain((anchorRank) =>
      pipe(
        one(c, neighbour, [...s.params, anchorRank], rankOf, notFound(s.entity)),
        TE.map((other) => (after ? { lower: anchorRank, upper: other } : { lower: other, upper: anchorRank })),
      ),
    ),
  );
};

/** Reads for one mutation, on the transaction's connection, every one scoped to its team and board. */
export const makeBoardTx = (c: PoolClient, board: Board): BoardTx => {
  const list = (listId: ListId) =>
    one(
      c,
      `SELECT ${LIST_COLUMNS} FROM lists WHERE team_id = $1 AND board_id = $2 AND id = $3`,
      [board.teamId, board.id, listId],
      (r: ListRow) => listFromRow(r),
      notFound('List'),
    );
  return {
    board,
    list,
    card: (cardId) =>
      one(
        c,
        `SELECT ${CARD_COLUMNS} FROM cards WHERE team_id = $1 AND board_id = $2 AND id = $3`,
        [board.teamId, board.id, cardId],
        (r: CardRow) => cardFromRow(r),
        notFound('Card'),
      ),
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
            'SELECT id FROM cards WHERE team_id = $1 AND board_id = $2 AND list_id = $3 ORDER BY rank, id',
            [board.teamId, board.id, listId],
            (r: { id: CardId }) => r.id,
          ),
        ),
      ),
  };
};
