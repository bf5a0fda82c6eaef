import { DndContext, DragOverlay, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { BoardSyncStore } from '../sync/board-store';
import { newId } from '../sync/ids';
import { pendingIds } from '../sync/pending';
import { CardPreview } from './CardItem';
import {
  ActiveCardContext,
  announcements,
  collision,
  dataOf,
  DragKindContext,
  dropTargetOf,
  listDndId,
  screenReaderInstructions,
  useBoardSensors,
  type DragKind,
} from './dnd';
import { AddForm } from './InlineEdit';
import { cardMove, layoutOf, listMove, type BoardLayout } from './layout';
import { ListColumn } from './ListColumn';

interface BoardViewProps {
  readonly store: BoardSyncStore;
  readonly canWrite: boolean;
  readonly onOpenCard: (cardId: string) => void;
  /** Narrows what is shown (the filter bar); lists stay so cards can still be dropped into them. */
  readonly narrow?: (layout: BoardLayout) => BoardLayout;
}

/** Lists side by side with their cards; cards and lists move by pointer or keyboard. */
export const BoardView = ({ store, canWrite, onOpenCard, narrow }: BoardViewProps) => {
  const view = useStore(store, (s) => s.view);
  const pending = useStore(store, (s) => s.pending);
  const mutate = useStore(store, (s) => s.mutate);
  const layout = useMemo(() => (narrow ? narrow(layoutOf(view)) : layoutOf(view)), [view, narrow]);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const savingIds = useMemo(() => pendingIds(pending), [pending]);
  const [drag, setDrag] = useState<{ kind: DragKind; id: string | null }>({ kind: null, id: null });

  const sensors = useBoardSensors();
  const accessibility = useMemo(
    () => ({ announcements: announcements(() => layoutRef.current), screenReaderInstructions }),
    [],
  );

  const onDragStart = (e: DragStartEvent) => {
    const d = dataOf(e.active);
    setDrag({ kind: d?.type === 'list' ? 'list' : 'card', id: d?.id ?? null });
  };
  const onDragEnd = (e: DragEndEvent) => {
    setDrag({ kind: null, id: null });
    const active = dataOf(e.active);
    const target = dropTargetOf(e);
    if (!active || !target) return;
    const op =
      active.type === 'list' ? listMove(layout, active.id, target.listId) : cardMove(layout, active.id, target);
    if (op) mutate(op);
  };

  const onAddCard = useCallback(
    (listId: string, title: string) => {
      const cardId = newId();
      mutate({ kind: 'card.create', id: cardId, listId, title });
      return cardId;
    },
    [mutate],
  );
  const onRename = useCallback(
    (listId: string, title: string) => void mutate({ kind: 'list.update', listId, title }),
    [mutate],
  );
  const onArchive = useCallback(
    (listId: string) => void mutate({ kind: 'list.update', listId, archived: true }),
    [mutate],
  );
  const onDelete = useCallback((listId: string) => void mutate({ kind: 'list.delete', listId }), [mutate]);
  const dragged = drag.kind === 'card' && drag.id && view ? view.cards[drag.id] : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag({ kind: null, id: null })}
      accessibility={accessibility}
    >
      <DragKindContext.Provider value={drag.kind}>
        <ActiveCardContext.Provider value={drag.kind === 'card' ? drag.id : null}>
          <SortableContext items={layout.lists.map((l) => listDndId(l.id))} strategy={horizontalListSortingStrategy}>
            {/* Small screens swipe from list to list (snapping to each); snapping pauses while something is dragged. */}
            <div
              className={`flex items-start gap-3 overflow-x-auto pb-4 ${drag.kind ? '' : 'max-lg:snap-x max-lg:snap-mandatory'}`}
              data-testid="board"
            >
              {layout.lists.map((l) => (
                <ListColumn
                  key={l.id}
                  list={l}
                  cards={layout.cardsByList.get(l.id) ?? []}
                  canWrite={canWrite}
                  savingIds={savingIds}
                  onOpenCard={onOpenCard}
                  onAddCard={onAddCard}
                  onRename={onRename}
                  onArchive={onArchive}
                  onDelete={onDelete}
                />
              ))}
              {/* Not before the board has loaded: on a phone the strip would snap to it and stay there, scrolled to the end. */}
              {canWrite && view && (
                <div className="w-72 max-w-[calc(100vw-3rem)] shrink-0 snap-start rounded-lg bg-slate-200/60 p-2">
                  <AddForm
                    label="Add a list"
                    onAdd={(title) => void mutate({ kind: 'list.create', id: newId(), title })}
                  />
                </div>
              )}
            </div>
          </SortableContext>
        </ActiveCardContext.Provider>
      </DragKindContext.Provider>
      <DragOverlay>{dragged ? <CardPreview card={dragged} /> : null}</DragOverlay>
    </DndContext>
  );
};
