import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { gapAround, rankBetween, resolveAnchor, type Placement } from '../../../src/domain';

const items = [
  { id: 'a', rank: 'a0' },
  { id: 'b', rank: 'a1' },
  { id: 'c', rank: 'a2' },
];

describe('the stale-anchor rule', () => {
  test.each<[string, Placement<string>, string | null, ReturnType<typeof gapAround>]>([
    [
      'after a card that is there: right after it',
      { afterId: 'a' },
      null,
      { lower: 'a0', upper: 'a1', placement: 'as_asked' },
    ],
    [
      'before a card that is there: right before it',
      { beforeId: 'a' },
      null,
      { lower: null, upper: 'a0', placement: 'as_asked' },
    ],
    ['with no anchor: at the end', {}, null, { lower: 'a2', upper: null, placement: 'as_asked' }],
    [
      'after and before: the after-anchor wins',
      { afterId: 'a', beforeId: 'c' },
      null,
      { lower: 'a0', upper: 'a1', placement: 'as_asked' },
    ],
    [
      'after a card that is gone, before one that is there: before it',
      { afterId: 'x', beforeId: 'b' },
      null,
      { lower: 'a0', upper: 'a1', placement: 'anchor_missing_before' },
    ],
    [
      'after a card that is gone: at the end',
      { afterId: 'x' },
      null,
      { lower: 'a2', upper: null, placement: 'anchor_missing_end' },
    ],
    [
      'before a card that is gone: at the end',
      { beforeId: 'x' },
      null,
      { lower: 'a2', upper: null, placement: 'anchor_missing_end' },
    ],
    [
      'with both anchors gone: at the end',
      { afterId: 'x', beforeId: 'y' },
      null,
      { lower: 'a2', upper: null, placement: 'anchor_missing_end' },
    ],
    [
      'after the moving card itself: at the end of the others',
      { afterId: 'c' },
      'c',
      { lower: 'a1', upper: null, placement: 'anchor_missing_end' },
    ],
    [
      'after a card, leaving out the moving one',
      { afterId: 'a' },
      'b',
      { lower: 'a0', upper: 'a2', placement: 'as_asked' },
    ],
  ])('%s', (_, at, moving, slot) => {
    expect(gapAround(items, moving, at)).toEqual(slot);
  });

  test('an empty list places anything at its start, saying whether the anchor was missing', () => {
    expect(gapAround([], null, {})).toEqual({ lower: null, upper: null, placement: 'as_asked' });
    expect(gapAround([], null, { afterId: 'a' })).toEqual({
      lower: null,
      upper: null,
      placement: 'anchor_missing_end',
    });
  });

  test('resolveAnchor asks only about the anchors it was given', () => {
    const asked: string[] = [];
    const present = (id: string) => (asked.push(id), id === 'b');
    expect(resolveAnchor({ afterId: 'a', beforeId: 'b' }, present)).toEqual({
      side: 'before',
      id: 'b',
      placement: 'anchor_missing_before',
    });
    expect(asked).toEqual(['a', 'b']);
  });

  test('any placement among any ordered items gives a slot a rank fits strictly inside', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'x', 'y'];
    const anchor = fc.option(fc.constantFrom(...ids), { nil: undefined });
    fc.assert(
      fc.property(
        fc.subarray(ids.slice(0, 5)),
        anchor,
        anchor,
        fc.option(fc.constantFrom(...ids), { nil: null }),
        (present, afterId, beforeId, moving) => {
          const ordered = present.map((id, i) => ({ id, rank: `a${i}` }));
          const at = { ...(afterId && { afterId }), ...(beforeId && { beforeId }) };
          const slot = gapAround(ordered, moving, at);
          const rank = rankBetween(slot);
          expect(E.isRight(rank)).toBe(true);
          const there = (id: string | undefined) =>
            id !== undefined && ordered.some((x) => x.id === id && id !== moving);
          const asAsked = afterId !== undefined ? there(afterId) : beforeId !== undefined ? there(beforeId) : true;
          expect(slot.placement === 'as_asked').toBe(asAsked);
        },
      ),
    );
  });
});
