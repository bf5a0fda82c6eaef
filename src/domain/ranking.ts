import { generateKeyBetween } from 'fractional-indexing';
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
