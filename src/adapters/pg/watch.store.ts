import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import type { WatchStore } from '../../application/ports';
import { asUuid, type CardId, type UserId } from '../../domain';
import { rows } from './sql';

interface WatchRow {
  user_id: string;
  card_id: string | null;
}

/** Watches in the catalog database; the partial unique indexes keep each (person, board, card) once. */
export const makePgWatchStore = (pool: Pool): WatchStore => ({
  watch: (userId, t) =>
    pipe(
      rows(
        pool,
        `INSERT INTO watches (user_id, team_id, board_id, card_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [userId, t.teamId, t.boardId, t.cardId],
        () => undefined,
      ),
      TE.map(() => undefined),
    ),
  unwatch: (userId, t) =>
    pipe(
      rows(
        pool,
        `DELETE FROM watches WHERE user_id = $1 AND team_id = $2 AND board_id = $3 AND card_id IS NOT DISTINCT FROM $4`,
        [userId, t.teamId, t.boardId, t.cardId],
        () => undefined,
      ),
      TE.map(() => undefined),
    ),
  forgetBoard: (teamId, boardId) =>
    pipe(
      rows(pool, 'DELETE FROM watches WHERE team_id = $1 AND board_id = $2', [teamId, boardId], () => undefined),
      TE.map(() => undefined),
    ),
  watchesOn: (userId, teamId, boardId) =>
    pipe(
      rows(
        pool,
        `SELECT user_id, card_id FROM watches WHERE user_id = $1 AND team_id = $2 AND board_id = $3
          ORDER BY created_at, card_id`,
        [userId, teamId, boardId],
        (r: WatchRow) => r.card_id,
      ),
      TE.map((found) => ({
        board: found.includes(null),
        cards: found.flatMap((c) => (c === null ? [] : [asUuid(c) as CardId])),
      })),
    ),
  watchersOf: (teamId, boardId, cardId) =>
    pipe(
      rows(
        pool,
        `SELECT user_id, card_id FROM watches
          WHERE team_id = $1 AND board_id = $2 AND (card_id IS NULL OR card_id = $3) ORDER BY created_at`,
        [teamId, boardId, cardId],
        (r: WatchRow) => r,
      ),
      TE.map((found) => {
        const of = (card: boolean): UserId[] =>
          found.filter((r) => (r.card_id !== null) === card).map((r) => asUuid(r.user_id));
        return { board: of(false), card: cardId === null ? [] : of(true) };
      }),
    ),
});
