import { useDroppable } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, useContext, useState } from 'react';
import type { Card, List } from '../../../src/domain/board';
import { DeleteListButton } from './confirm';
import { DragKindContext, listBodyDndId, listDndId, type DndData } from './dnd';
import { AddForm, EditableTitle } from './InlineEdit';
import { VirtualCardList } from './VirtualCardList';

interface ListColumnProps {
  readonly list: List;
  readonly cards: readonly Card[];
  readonly canWrite: boolean;
  readonly savingIds: ReadonlySet<string>;
  readonly onOpenCard: (cardId: string) => void;
  /** Adds a card at the end of the list and answers its id. */
  readonly onAddCard: (listId: string, title: string) => string;
  readonly onRename: (listId: string, title: string) => void;
  readonly onArchive: (listId: string) => void;
  /** Deletes the list and its cards for good (asked first). */
  readonly onDelete?: (listId: string) => void;
}

export const ListColumn = memo((props: ListColumnProps) => {
  const { list, cards, canWrite, savingIds, onOpenCard, onAddCard } = props;
  const dragKind = useContext(DragKindContext);
  const data: DndData = { type: 'list', id: list.id, listId: list.id };
  const sortable = useSortable({
    id: listDndId(list.id),
    data,
    disabled: { draggable: !canWrite, droppable: dragKind === 'card' },
  });
  const bodyData: DndData = { type: 'listbody', id: list.id, listId: list.id };
  const body = useDroppable({ id: listBodyDndId(list.id), data: bodyData, disabled: dragKind === 'list' });
  // The card this person just added, until its list has scrolled to it.
  const [reveal, setReveal] = useState<string | null>(null);
  const onRevealed = useCallback(() => setReveal(null), []);
  const onAdd = useCallback((title: string) => setReveal(onAddCard(list.id, title)), [onAddCard, list.id]);

  return (
    <section
      ref={sortable.setNodeRef}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      aria-label={`List ${list.title}`}
      data-testid="list"
      data-list-id={list.id}
      className="flex max-h-[calc(100dvh-9rem)] w-72 max-w-[calc(100vw-3rem)] shrink-0 snap-start flex-col rounded-lg bg-slate-200 p-2"
    >
      <header className="mb-2 flex items-center gap-1">
        {canWrite && (
          <button
            type="button"
            {...sortable.attributes}
            {...sortable.listeners}
            aria-label={`Move list ${list.title}`}
            className="cursor-grab rounded px-1 text-slate-600"
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
        {/* slate-700 on slate-200: 8.1:1 (slate-500 was 3.9:1, below WCAG AA's 4.5:1). */}
        <span className="text-xs text-slate-700" aria-label={`${cards.length} cards`}>
          {cards.length}
        </span>
        {canWrite && (
          <button
            type="button"
            className="text-xs text-slate-700 underline"
            onClick={() => props.onArchive(list.id)}
            aria-label={`Archive list ${list.title}`}
          >
            Archive
          </button>
        )}
        {canWrite && props.onDelete && (
          <DeleteListButton title={list.title} onDelete={() => props.onDelete?.(list.id)} />
        )}
      </header>
      <VirtualCardList
        listTitle={list.title}
        cards={cards}
        canWrite={canWrite}
        savingIds={savingIds}
        onOpenCard={onOpenCard}
        dropRef={body.setNodeRef}
        reveal={reveal}
        onRevealed={onRevealed}
      />
      {canWrite && <AddForm label={`Add a card to ${list.title}`} onAdd={onAdd} />}
    </section>
  );
});
ListColumn.displayName = 'ListColumn';
