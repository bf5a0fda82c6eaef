import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { BoardSyncStore } from '../sync/board-store';
import { newId } from '../sync/ids';
import { pendingIds } from '../sync/pending';
import { CardPreview } from './CardItem';
import {
  announcements,
  collision,
  dataOf,
  DragKindContext,
  dropTargetOf,
  listDndId,
  screenReaderInstructions,
  type DragKind,
} from './dnd';
import { AddForm } from './InlineEdit';
import { cardMove, layoutBoard, listMove } from './layout';
import { ListColumn } from './ListColumn';

interface BoardViewProps {
  readonly store: BoardSyncStore;
  readonly canWrite: boolean;
  readonly onOpenCard: (cardId: string) => void;
}

/** Lists side by side with their cards; cards and lists move by pointer or keyboard. */
export const BoardView = ({ store, canWrite, onOpenCard }: BoardViewProps) => {
  const view = useStore(store, (s) => s.view);
  const pending = useStore(store, (s) => s.pending);
  const mutate = useStore(store, (s) => s.mutate);
  const layout = useMemo(() => layoutBoard(view), [view]);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const savingIds = useMemo(() => pendingIds(pending), [pending]);
  const [drag, setDrag] = useState<{ kind: DragKind; id: string | null }>({ kind: null, id: null });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );
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
    (listId: string, title: string) => void mutate({ kind: 'card.create', id: newId(), listId, title }),
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
        <SortableContext items={layout.lists.map((l) => listDndId(l.id))} strategy={horizontalListSortingStrategy}>
          <div className="flex items-start gap-3 overflow-x-auto pb-4" data-testid="board">
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
              />
            ))}
            {canWrite && (
              <div className="w-72 shrink-0 rounded-lg bg-slate-200/60 p-2">
                <AddForm
                  label="Add a list"
                  onAdd={(title) => void mutate({ kind: 'list.create', id: newId(), title })}
                />
              </div>
            )}
          </div>
        </SortableContext>
      </DragKindContext.Provider>
      <DragOverlay>{dragged ? <CardPreview card={dragged} /> : null}</DragOverlay>
    </DndContext>
  );
};
