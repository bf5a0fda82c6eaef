import {
  closestCenter,
  closestCorners,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { createContext } from 'react';
import type { BoardLayout, DropTarget } from './layout';

/** What is being dragged right now; items of the other kind stop being drop targets meanwhile. */
export type DragKind = 'card' | 'list' | null;
export const DragKindContext = createContext<DragKind>(null);
/** The card being dragged, if any: its list keeps it rendered even when it is scrolled out of view. */
export const ActiveCardContext = createContext<string | null>(null);

/**
 * Mouse drags start after 5 px of movement. A finger must rest on a card for 200 ms first: a swipe that
 * moves sooner (more than 8 px) scrolls the list or the board instead. Space picks up with the keyboard.
 */
export const useBoardSensors = () =>
  useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

export const cardDndId = (id: string) => `card:${id}`;
export const listDndId = (id: string) => `list:${id}`;
export const listBodyDndId = (id: string) => `listbody:${id}`;

export interface DndData {
  readonly type: 'card' | 'list' | 'listbody';
  /** The card's own id, or the list's. */
  readonly id: string;
  readonly listId: string;
}

export const dataOf = (x: { data: { current?: unknown } } | null | undefined): DndData | null =>
  (x?.data.current as DndData | undefined) ?? null;

/** Lists collide by centre (a row); cards by corners (columns of different heights). */
export const collision: CollisionDetection = (args) => {
  const kind = dataOf(args.active)?.type;
  const droppableContainers = args.droppableContainers.filter((c) => {
    const t = dataOf(c)?.type;
    return kind === 'list' ? t === 'list' : t === 'card' || t === 'listbody';
  });
  return (kind === 'list' ? closestCenter : closestCorners)({ ...args, droppableContainers });
};

/** Reads a drop into a target for the layout helpers; null when dropped nowhere useful. */
export const dropTargetOf = (e: DragEndEvent): DropTarget | null => {
  const over = dataOf(e.over);
  if (!over || !e.over) return null;
  if (over.type !== 'card') return { listId: over.listId, below: true };
  const moved = e.active.rect.current.translated;
  const below = moved ? moved.top + moved.height / 2 > e.over.rect.top + e.over.rect.height / 2 : true;
  return { listId: over.listId, overId: over.id, below };
};

/** Screen-reader announcements that name cards and lists by their titles. */
export const announcements = (layout: () => BoardLayout): Announcements => {
  const name = (x: { data: { current?: unknown } } | null) => {
    const d = dataOf(x);
    if (!d) return 'nothing';
    const l = layout();
    if (d.type === 'card') {
      const card = l.cardsByList.get(d.listId)?.find((c) => c.id === d.id);
      return `card "${card?.title ?? ''}"`;
    }
    return `list "${l.lists.find((x) => x.id === d.listId)?.title ?? ''}"`;
  };
  const where = (over: { data: { current?: unknown } } | null) => {
    const d = dataOf(over);
    if (!d) return '';
    const l = layout();
    const list = l.lists.find((x) => x.id === d.listId);
    if (d.type !== 'card') return ` in list "${list?.title ?? ''}"`;
    const pos = (l.cardsByList.get(d.listId) ?? []).findIndex((c) => c.id === d.id) + 1;
    return ` in list "${list?.title ?? ''}" at position ${pos}`;
  };
  return {
    onDragStart: ({ active }) =>
      `Picked up ${name(active)}. Use the arrow keys to move, Space to drop, Escape to cancel.`,
    // Being over itself is where every drag starts; saying so would drown out "Picked up".
    onDragOver: ({ active, over }) =>
      over?.id === active.id
        ? undefined
        : over
          ? `${name(active)} is over ${name(over)}${where(over)}.`
          : `${name(active)} is not over a drop target.`,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${name(active)}${where(over)}.` : `Dropped ${name(active)}; it stays where it was.`,
    onDragCancel: ({ active }) => `Moving ${name(active)} was cancelled; it stays where it was.`,
  };
};

export const screenReaderInstructions = {
  draggable:
    'To pick up a card or list, press Space. While dragging, use the arrow keys to move it, Space to drop it, or Escape to cancel. Press Enter to open a card.',
};
