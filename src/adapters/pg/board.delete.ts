import * as E from 'fp-ts/Either';
import type { PoolClient } from 'pg';
import { asUuid, notFound, type AppError, type BoardId, type TeamId, type Uuid } from '../../domain';
import type { DeletedBoard } from '../../application/ports';
import { BOARD_COLUMNS, boardFromRow, type BoardRow } from './board.rows';

/**
 * Shard tables whose rows belong to one board (keyed by `team_id, board_id`), children first. Each has
 * the change-capture trigger where a tenant move needs it, so a delete during a move's copy is carried
 * over like any other write.
 */
const BOARD_TABLES = ['comments', 'lists', 'applied_mutations', 'board_events', 'notification_outbox'] as const;

/** The attachment ids in a deleted card's `attachments` column. */
const idsOf = (attachments: unknown): Uuid[] =>
  Array.isArray(attachments)
    ? attachments.flatMap((a: unknown) =>
        typeof a === 'object' && a !== null && typeof (a as { id?: unknown }).id === 'string'
          ? [asUuid((a as { id: string }).id)]
          : [],
      )
    : [];

/**
 * `BoardStore.deleteBoard`'s rows, inside a transaction whose tenant fence the caller checked already
 * (board.store.ts), so the whole delete commits at the epoch it was checked at, or not at all.
 */
export const deleteBoardIn = async (
  c: PoolClient,
  teamId: TeamId,
  boardId: BoardId,
): Promise<E.Either<AppError, DeletedBoard>> => {
  // Locked first, as boardroom_commit locks it: a commit waiting on the row then finds no board.
  const found = await c.query<BoardRow>(
    `SELECT ${BOARD_COLUMNS} FROM boards WHERE team_id = $1 AND id = $2 FOR UPDATE`,
    [teamId, boardId],
  );
  const row = found.rows[0];
  if (row === undefined) return E.left(notFound('Board'));
  const cards = await c.query<{ attachments: unknown }>(
    'DELETE FROM cards WHERE team_id = $1 AND board_id = $2 RETURNING attachments',
    [teamId, boardId],
  );
  for (const table of BOARD_TABLES)
    await c.query(`DELETE FROM ${table} WHERE team_id = $1 AND board_id = $2`, [teamId, boardId]);
  await c.query('DELETE FROM boards WHERE team_id = $1 AND id = $2', [teamId, boardId]);
  return E.right({ board: boardFromRow(row), attachmentIds: cards.rows.flatMap((r) => idsOf(r.attachments)) });
};
