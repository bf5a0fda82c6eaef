import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Card, List } from '../../../src/domain/board';
import { CardItem } from './CardItem';
import { cardDndId, DragKindContext, listBodyDndId, listDndId, type DndData } from './dnd';
import { AddForm, EditableTitle } from './InlineEdit';

/** Cards rendered at first and added per step as the list scrolls: long lists never render all at once. */
export const CARD_PAGE = 100;

interface ListColumnProps {
  readonly list: List;
  readonly cards: readonly Card[];
  readonly canWrite: boolean;
  readonly savingIds: ReadonlySet<string>;
  readonly onOpenCard: (cardId: string) => void;
  readonly onAddCard: (listId: string, title: string) => void;
  readonly onRename: (listId: string, title: string) => void;
  readonly onArchive: (listId: string) => void;
}

/** Grows the rendered slice of a long list when its end scrolls into view. */
const useGrowingSlice = (total: number) => {
  const [shown, setShown] = useState(CARD_PAGE);
  const sentinel = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || shown >= total || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + CARD_PAGE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [shown, total]);
  return { shown, sentinel, showMore: () => setShown((n) => n + CARD_PAGE) };
};

export const ListColumn = memo((props: ListColumnProps) => {
  const { list, cards, canWrite, savingIds, onOpenCard } = props;
  const dragKind = useContext(DragKindContext);
  const data: DndData = { type: 'list', id: list.id, listId: list.id };
  const sortable = useSortable({
    id: listDndId(list.id),
    data,
    disabled: { draggable: !canWrite, droppable: dragKind === 'card' },
  });
  const bodyData: DndData = { type: 'listbody', id: list.id, listId: list.id };
  const body = useDroppable({ id: listBodyDndId(list.id), data: bodyData, disabled: dragKind === 'list' });
  const { shown, sentinel, showMore } = useGrowingSlice(cards.length);
  const visible = useMemo(() => cards.slice(0, shown), [cards, shown]);
  const ids = useMemo(() => visible.map((c) => cardDndId(c.id)), [visible]);

  return (
    <section
      ref={sortable.setNodeRef}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      aria-label={`List ${list.title}`}
      data-testid="list"
      data-list-id={list.id}
      className="flex max-h-[calc(100vh-9rem)] w-72 shrink-0 flex-col rounded-lg bg-slate-200 p-2"
    >
      <header className="mb-2 flex items-center gap-1">
        {canWrite && (
          <button
            type="button"
            {...sortable.attributes}
            {...sortable.listeners}
            aria-label={`Move list ${list.title}`}
            className="cursor-grab rounded px-1 text-slate-500"
          >
            ⠿
          </button>
        )}
        <EditableTitle
          title={list.title}
          label="List title"
          canWrite={canWrite}
          onRename={(t) => props.onRename(list.id, t)}
        />
        <span className="text-xs text-slate-500" aria-label={`${cards.length} cards`}>
          {cards.length}
        </span>
        {canWrite && (
          <button
            type="button"
            className="text-xs text-slate-600 underline"
            onClick={() => props.onArchive(list.id)}
            aria-label={`Archive list ${list.title}`}
          >
            Archive
          </button>
        )}
      </header>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol ref={body.setNodeRef} className="min-h-10 flex-1 overflow-y-auto" aria-label={`Cards in ${list.title}`}>
          {visible.map((c) => (
            <CardItem key={c.id} card={c} canWrite={canWrite} saving={savingIds.has(c.id)} onOpen={onOpenCard} />
          ))}
          {shown < cards.length && (
            <li ref={sentinel}>
              <button type="button" className="w-full py-1 text-xs text-slate-600 underline" onClick={showMore}>
                Show more cards ({cards.length - shown} more)
              </button>
            </li>
          )}
        </ol>
      </SortableContext>
      {canWrite && <AddForm label={`Add a card to ${list.title}`} onAdd={(t) => props.onAddCard(list.id, t)} />}
    </section>
  );
});
ListColumn.displayName = 'ListColumn';
