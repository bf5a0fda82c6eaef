import type { Card, List } from '../../../src/domain/board';
import type { BoardState } from '../../../src/domain/board-state';
import { compareRanks } from '../../../src/domain/ranking';
import type { BoardOpInput } from '../sync/ops';

/** The visible board: open lists in order, and each list's open cards in order. */
export interface BoardLayout {
  readonly lists: readonly List[];
  readonly cardsByList: ReadonlyMap<string, readonly Card[]>;
}

const byRank = (a: { rank: string; id: string }, b: { rank: string; id: string }) =>
  compareRanks(a.rank, b.rank) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One pass over the cards (not one per list): a 5,000-card board lays out in a few milliseconds. */
export const layoutBoard = (s: BoardState | null): BoardLayout => {
  if (s === null) return { lists: [], cardsByList: new Map() };
  const lists = Object.values(s.lists)
    .filter((l) => !l.archived)
    .sort(byRank);
  const cardsByList = new Map<string, Card[]>(lists.map((l) => [l.id, []]));
  for (const c of Object.values(s.cards)) if (!c.archived) cardsByList.get(c.listId)?.push(c);
  for (const cards of cardsByList.values()) cards.sort(byRank);
  return { lists, cardsByList };
};

const laidOut = new WeakMap<BoardState, BoardLayout>();

/**
 * `layoutBoard` once per state of the view: the filter bar's count and the board share it, and a
 * filter typed over an unchanged board sorts nothing again.
 */
export const layoutOf = (s: BoardState | null): BoardLayout => {
  if (s === null) return layoutBoard(s);
  let layout = laidOut.get(s);
  if (!layout) {
    layout = layoutBoard(s);
    laidOut.set(s, layout);
  }
  return layout;
};

/** Where a dragged item was dropped: on an item (above or below its middle) or on an empty spot of a list. */
export interface DropTarget {
  readonly listId: string;
  readonly overId?: string;
  readonly below: boolean;
}

/** Neighbours for a drop among `items` (the target's visible order, possibly including the moving item). */
const neighbours = (items: readonly { id: string }[], movingId: string, target: DropTarget) => {
  if (target.overId === undefined || target.overId === movingId) {
    if (target.overId === movingId) return null;
    const last = items.filter((i) => i.id !== movingId).at(-1);
    return last ? { afterId: last.id } : {};
  }
  const from = items.findIndex((i) => i.id === movingId);
  const to = items.findIndex((i) => i.id === target.overId);
  if (to < 0) return {};
  // Within one sequence the item lands where the one it was dropped on was, like every sortable list.
  const after = from >= 0 ? from < to : target.below;
  return after ? { afterId: target.overId } : { beforeId: target.overId };
};

const unchanged = (items: readonly { id: string }[], movingId: string, n: { afterId?: string; beforeId?: string }) => {
  const idx = items.findIndex((i) => i.id === movingId);
  if (idx < 0) return false;
  if (n.afterId !== undefined) return items[idx - 1]?.id === n.afterId;
  if (n.beforeId !== undefined) return items[idx + 1]?.id === n.beforeId;
  return idx === items.length - 1;
};

/** The move intent for a card dropped on `target`, or null when it would stay where it is. */
export const cardMove = (layout: BoardLayout, cardId: string, target: DropTarget): BoardOpInput | null => {
  const cards = layout.cardsByList.get(target.listId) ?? [];
  const n = neighbours(cards, cardId, target);
  if (n === null || unchanged(cards, cardId, n)) return null;
  return {
    kind: 'card.move',
    cardId,
    toListId: target.listId,
    ...(n.afterId !== undefined && { afterCardId: n.afterId }),
    ...(n.beforeId !== undefined && { beforeCardId: n.beforeId }),
  };
};

/** The move intent for a list dropped on another list, or null when it would stay where it is. */
export const listMove = (layout: BoardLayout, listId: string, overListId: string): BoardOpInput | null => {
  const n = neighbours(layout.lists, listId, { listId: '', overId: overListId, below: false });
  if (n === null || unchanged(layout.lists, listId, n)) return null;
  return {
    kind: 'list.move',
    listId,
    ...(n.afterId !== undefined && { afterListId: n.afterId }),
    ...(n.beforeId !== undefined && { beforeListId: n.beforeId }),
  };
};
