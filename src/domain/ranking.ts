import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as E from 'fp-ts/Either';
import { conflict, type AppError } from './errors';
import type { Rank } from './board';

/** The neighbours' ranks around an insertion point; null means the start or end of the list. */
export interface Gap {
  readonly lower: Rank | null;
  readonly upper: Rank | null;
}

/** A rank strictly between the two neighbours, or a conflict when they are out of order. */
export const rankBetween = ({ lower, upper }: Gap): E.Either<AppError, Rank> => {
  if (lower !== null && upper !== null && !(lower < upper)) {
    return E.left(conflict('Neighbours are out of order; reload the board', 'rank_conflict'));
  }
  return E.right(generateKeyBetween(lower, upper));
};

/** The rank after the last one (or the first rank of an empty list). */
export const rankAfter = (last: Rank | null): Rank => generateKeyBetween(last, null);

/** Compares ranks in byte order, as Postgres does with `COLLATE "C"`. */
export const compareRanks = (a: Rank, b: Rank): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ranks longer than this are renumbered: each move between two neighbours can add a character, and
 * unbounded keys cost index space and bandwidth (300 moves into one gap gave 52 characters).
 */
export const MAX_RANK_LENGTH = 24;

/** Whether a freshly computed rank is past the bound, so its list should be renumbered. */
export const rankTooLong = (rank: Rank): boolean => rank.length > MAX_RANK_LENGTH;

/** `n` short ranks in increasing order, evenly spread, for renumbering a list. */
export const evenRanks = (n: number): Rank[] => (n === 0 ? [] : generateNKeysBetween(null, null, n));
