import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useContext, useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import type { Card } from '../../../src/domain/board';
import { CardItem } from './CardItem';
import { ActiveCardContext, cardDndId } from './dnd';

/** A one-line card with its gap below; real heights are measured as cards render. */
const ESTIMATED_CARD_PX = 56;
/** Cards rendered beyond each edge of the visible part, so Tab and arrow keys always find a neighbour. */
const OVERSCAN = 6;

interface VirtualCardListProps {
  readonly listTitle: string;
  readonly cards: readonly Card[];
  readonly canWrite: boolean;
  readonly savingIds: ReadonlySet<string>;
  readonly onOpenCard: (cardId: string) => void;
  /** The list's drop zone (dnd-kit's droppable node): the scrolling element itself. */
  readonly dropRef: (el: HTMLElement | null) => void;
  /** A card this person just added: scrolled into view as soon as it is in `cards`. */
  readonly reveal: string | null;
  readonly onRevealed: () => void;
}

const estimateSize = () => ESTIMATED_CARD_PX;

const indexOf = (cards: readonly Card[], id: string | null) => (id === null ? -1 : cards.findIndex((c) => c.id === id));

/** The window of rendered indexes, plus the dragged and the focused card wherever they are. */
const keepRendered =
  (pinned: readonly number[]) =>
  (range: Range): number[] => {
    const shown = defaultRangeExtractor(range);
    const extra = pinned.filter((i, n) => i >= 0 && i < range.count && !shown.includes(i) && pinned.indexOf(i) === n);
    return extra.length === 0 ? shown : [...shown, ...extra].sort((a, b) => a - b);
  };

/** The card (if any) an event inside the list happened on. */
const cardIdOf = (target: EventTarget | null): string | null =>
  target instanceof Element ? (target.closest('[data-card-id]')?.getAttribute('data-card-id') ?? null) : null;

/**
 * A list's cards, virtualized: only the cards in and near view are in the DOM, however long the list,
 * and every card stays reachable by scrolling. dnd-kit only knows the rendered cards; drops are read
 * as "over card X", which `cardMove` resolves against the whole list.
 */
export const VirtualCardList = (props: VirtualCardListProps) => {
  const { cards, canWrite, savingIds, onOpenCard, dropRef, reveal, onRevealed } = props;
  const scroller = useRef<HTMLOListElement | null>(null);
  const getScrollElement = useCallback(() => scroller.current, []);
  const activeId = useContext(ActiveCardContext);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const activeIndex = indexOf(cards, activeId);
  const focusedIndex = indexOf(cards, focusedId);
  const rangeExtractor = useMemo(() => keepRendered([activeIndex, focusedIndex]), [activeIndex, focusedIndex]);
  // A new key function makes the virtualizer recompute every card's offset: only when the cards change.
  const getItemKey = useCallback((i: number) => cards[i]?.id ?? i, [cards]);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    rangeExtractor,
  });
  const rows = virtualizer.getVirtualItems();
  const ids = useMemo(() => rows.map((r) => cardDndId(cards[r.index]?.id ?? '')), [rows, cards]);

  useEffect(() => {
    const index = indexOf(cards, reveal);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'end' });
    onRevealed();
  }, [cards, reveal, onRevealed, virtualizer]);

  const setRef = useCallback(
    (el: HTMLOListElement | null) => {
      scroller.current = el;
      dropRef(el);
    },
    [dropRef],
  );
  const onBlur = (e: FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedId(null);
  };

  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy}>
      <ol
        ref={setRef}
        onFocus={(e) => setFocusedId(cardIdOf(e.target))}
        onBlur={onBlur}
        aria-label={`Cards in ${props.listTitle}`}
        className="relative min-h-10 flex-1 overflow-y-auto [&_[data-testid=card]]:select-none [&_[data-testid=card]]:[-webkit-touch-callout:none]"
      >
        {/* Gives the list the height of all its cards, so the scrollbar and scrolling span the whole list. */}
        <li role="none" aria-hidden="true" style={{ height: virtualizer.getTotalSize() }} />
        {rows.map((row) => {
          const card = cards[row.index];
          if (!card) return null;
          return (
            <li
              key={row.key}
              role="none"
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="absolute inset-x-0 top-0"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ul role="none">
                <CardItem card={card} canWrite={canWrite} saving={savingIds.has(card.id)} onOpen={onOpenCard} />
              </ul>
            </li>
          );
        })}
      </ol>
    </SortableContext>
  );
};
