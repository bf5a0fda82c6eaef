import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useContext, type KeyboardEvent } from 'react';
import type { Card } from '../../../src/domain/board';
import { CardBadges } from './card-model/CardBadges';
import { cardDndId, DragKindContext, type DndData } from './dnd';
import { EditingMarker } from '../presence/CardPresence';
import { AttachmentCount, CardCover } from './attachments/CardCover';

interface CardItemProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly saving: boolean;
  readonly onOpen: (cardId: string) => void;
}

/** One card: draggable by pointer and keyboard (Space), opened with a click or Enter. */
export const CardItem = memo(({ card, canWrite, saving, onOpen }: CardItemProps) => {
  const dragKind = useContext(DragKindContext);
  const data: DndData = { type: 'card', id: card.id, listId: card.listId };
  const { setNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: cardDndId(card.id),
    data,
    disabled: { draggable: !canWrite, droppable: dragKind === 'list' },
  });
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    listeners?.onKeyDown?.(e);
    if ((e.key === 'Enter' || (!canWrite && e.key === ' ')) && dragKind === null) {
      e.preventDefault();
      onOpen(card.id);
    }
  };
  return (
    <li
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      // A viewer's card cannot be dragged but does open (read-only): it is a plain button, not a disabled sortable.
      {...(!canWrite && {
        'aria-disabled': undefined,
        'aria-roledescription': undefined,
        'aria-describedby': undefined,
      })}
      aria-haspopup="dialog"
      onKeyDown={onKeyDown}
      onClick={() => onOpen(card.id)}
      aria-label={`${card.title}${canWrite ? '' : ' (view only)'}`}
      data-testid="card"
      data-card-id={card.id}
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.4 : 1 }}
      className="card-item mb-2 cursor-pointer rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      <CardCover card={card} />
      <span className="block wrap-anywhere">{card.title}</span>
      <span className="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-600 wrap-anywhere">
        <CardBadges card={card} />
        {card.commentCount > 0 && (
          <span>
            {card.commentCount} comment{card.commentCount === 1 ? '' : 's'}
          </span>
        )}
        <AttachmentCount card={card} />
        {saving && <span className="text-indigo-600">Saving…</span>}
        <EditingMarker cardId={card.id} />
      </span>
    </li>
  );
});
CardItem.displayName = 'CardItem';

/** The floating copy of a card under the pointer while it is dragged. */
export const CardPreview = ({ card }: { card: Card }) => (
  <div className="rounded-md border border-indigo-300 bg-white p-2 text-sm shadow-lg wrap-anywhere">{card.title}</div>
);
