import type { Placement } from './board';
import type { Gap } from './ranking';

/**
 * Which position a placement actually got. Clients place relative to the board as they last saw it, so
 * under concurrent edits the neighbour they named may have moved away (or been deleted) by the time the
 * server decides. Refusing such a move made 681 of 1,717 moves fail under 50 concurrent movers; instead
 * the item lands at the nearest position still meaningful, and the event says which rule was used:
 * - `as_asked`: the named anchor is in the target list (or no anchor was named: the end).
 * - `anchor_missing_before`: the after-anchor is gone, so the item goes just before the before-anchor.
 * - `anchor_missing_end`: no named anchor is left, so the item goes to the end of the list.
 */
export type PlacementUsed = 'as_asked' | 'anchor_missing_before' | 'anchor_missing_end';

export const PLACEMENTS_USED: readonly PlacementUsed[] = ['as_asked', 'anchor_missing_before', 'anchor_missing_end'];

/** The neighbours an item goes between, and which placement rule produced them. */
export interface Slot extends Gap {
  readonly placement: PlacementUsed;
}

/** The anchor a placement resolves to: after one item, before one, or at the end of the list. */
export type ResolvedAnchor<Id extends string> =
  | { readonly side: 'after'; readonly id: Id; readonly placement: PlacementUsed }
  | { readonly side: 'before'; readonly id: Id; readonly placement: PlacementUsed }
  | { readonly side: 'end'; readonly placement: PlacementUsed };

/**
 * The stale-anchor rule, for stores that can only ask whether an id is among the target's items (the
 * moving item left out). `afterId` wins when both anchors are present: the server places by its own
 * neighbours. A missing after-anchor falls back to the before-anchor; with neither left, the end. The
 * end is chosen over "where the anchor used to be" because that position is no longer knowable.
 */
export const resolveAnchor = <Id extends string>(
  at: Placement<Id>,
  present: (id: Id) => boolean,
): ResolvedAnchor<Id> => {
  const { afterId, beforeId } = at;
  if (afterId !== undefined && present(afterId)) return { side: 'after', id: afterId, placement: 'as_asked' };
  if (beforeId !== undefined && present(beforeId)) {
    return { side: 'before', id: beforeId, placement: afterId === undefined ? 'as_asked' : 'anchor_missing_before' };
  }
  const asked = afterId === undefined && beforeId === undefined;
  return { side: 'end', placement: asked ? 'as_asked' : 'anchor_missing_end' };
};

/**
 * The slot for an item among `items` (in display order; the moving item, if any, is left out here), by
 * the stale-anchor rule. Pure, so the web's optimistic prediction can place exactly as the server will.
 */
export const gapAround = <Id extends string>(
  items: readonly { readonly id: string; readonly rank: string }[],
  movingId: string | null,
  at: Placement<Id>,
): Slot => {
  const others = movingId === null ? items : items.filter((x) => x.id !== movingId);
  const anchor = resolveAnchor(at, (id) => others.some((x) => x.id === id));
  if (anchor.side === 'end') {
    return { lower: others[others.length - 1]?.rank ?? null, upper: null, placement: anchor.placement };
  }
  const i = others.findIndex((x) => x.id === anchor.id);
  return anchor.side === 'after'
    ? { lower: others[i]!.rank, upper: others[i + 1]?.rank ?? null, placement: anchor.placement }
    : { lower: others[i - 1]?.rank ?? null, upper: others[i]!.rank, placement: anchor.placement };
};
