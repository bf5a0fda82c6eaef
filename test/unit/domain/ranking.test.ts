import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { compareRanks, rankAfter, rankBetween, type Rank } from '../../../src/domain';
import { refused } from './fixtures';

const between = (lower: Rank | null, upper: Rank | null): Rank => {
  const r = rankBetween({ lower, upper });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('ranking', () => {
  test('the first rank of an empty list is the same everywhere', () => {
    expect(between(null, null)).toBe(rankAfter(null));
  });

  test('a rank between two neighbours sorts strictly between them', () => {
    const r = between('a0', 'a1');
    expect(compareRanks('a0', r)).toBe(-1);
    expect(compareRanks(r, 'a1')).toBe(-1);
  });

  test('a rank before the first card sorts first, one after the last sorts last', () => {
    expect(between(null, 'a0') < 'a0').toBe(true);
    expect(between('a0', null) > 'a0').toBe(true);
    expect(rankAfter('a5') > 'a5').toBe(true);
  });

  test.each([
    ['in reverse order', 'a1', 'a0'],
    ['equal', 'a0', 'a0'],
  ])('neighbours %s are a conflict the client resolves by reloading', (_how, lower, upper) => {
    expect(refused(rankBetween({ lower, upper }))).toMatchObject({ kind: 'conflict', code: 'rank_conflict' });
  });

  test('ranks compare in byte order, as Postgres COLLATE "C" does', () => {
    expect(compareRanks('Zz', 'a0')).toBe(-1);
    expect(compareRanks('a0', 'a0')).toBe(0);
    expect(compareRanks('a0V', 'a0')).toBe(1);
  });

  test('inserting again and again at the same spot keeps every rank distinct and ordered', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 100 }), (positions) => {
        const ranks: Rank[] = [];
        for (const p of positions) {
          const i = p % (ranks.length + 1);
          ranks.splice(i, 0, between(ranks[i - 1] ?? null, ranks[i] ?? null));
        }
        const sorted = [...ranks].sort(compareRanks);
        expect(ranks).toEqual(sorted);
        expect(new Set(ranks).size).toBe(ranks.length);
      }),
      { numRuns: 100 },
    );
  });
});
