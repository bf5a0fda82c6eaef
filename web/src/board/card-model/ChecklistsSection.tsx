import { useState } from 'react';
import type { Card } from '../../../../src/domain/board';
import { checklistProgress, type Checklist } from '../../../../src/domain/card-model';
import { newId } from '../../sync/ids';
import type { BoardOpInput } from '../../sync/ops';
import { AddForm } from '../InlineEdit';
import { ChecklistItemRow } from './ChecklistItemRow';
import { InlineText } from './InlineText';
import { Section } from './Section';

interface ChecklistsProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly mutate: (op: BoardOpInput) => string;
}

/** Done of total as a bar with its numbers in text. */
const Progress = ({ list }: { list: Checklist }) => {
  const { done, total } = checklistProgress([list]);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="flex items-center gap-2 text-xs text-slate-800">
      <span className="w-16 shrink-0">
        {done}/{total} done
      </span>
      <progress
        className="h-2 w-full accent-green-700"
        max={100}
        value={percent}
        aria-label={`Progress of ${list.title}`}
      />
    </div>
  );
};

/** "Delete checklist" asked in place: its items go with it. */
const DeleteChecklist = ({ title, onDelete }: { title: string; onDelete: () => void }) => {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="text-xs text-red-800 underline" onClick={() => setAsking(true)}>
        Delete<span className="sr-only"> checklist {title}</span>
      </button>
    );
  return (
    <span role="alert" className="flex flex-wrap items-center gap-2 text-xs text-red-950">
      Delete “{title}” and its items?
      <button type="button" className="rounded bg-red-700 px-2 py-0.5 text-white" onClick={onDelete}>
        Delete checklist
      </button>
      <button type="button" autoFocus className="rounded bg-white px-2 py-0.5 shadow" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
};

const ChecklistBlock = ({ card, list, canWrite, mutate }: ChecklistsProps & { list: Checklist }) => {
  const ids = { cardId: card.id, checklistId: list.id };
  const move = (index: number, direction: 'up' | 'down') => {
    const item = list.items[index]!;
    // Up: before the one above it; down: after the one below it.
    const place =
      direction === 'up' ? { beforeItemId: list.items[index - 1]!.id } : { afterItemId: list.items[index + 1]!.id };
    mutate({ kind: 'checklist.item.move', ...ids, itemId: item.id, ...place });
  };
  return (
    <div className="mb-3" data-testid="checklist">
      <div className="flex items-center gap-2">
        <h4 className="min-w-0 flex-1 text-sm font-medium wrap-anywhere">
          {canWrite ? (
            <InlineText
              text={list.title}
              label="Checklist title"
              onSave={(title) => mutate({ kind: 'checklist.update', ...ids, title })}
            />
          ) : (
            list.title
          )}
        </h4>
        {canWrite && (
          <DeleteChecklist title={list.title} onDelete={() => mutate({ kind: 'checklist.delete', ...ids })} />
        )}
      </div>
      <Progress list={list} />
      <ul className="mt-1">
        {list.items.map((item, i) => (
          <ChecklistItemRow
            key={item.id}
            item={item}
            canWrite={canWrite}
            first={i === 0}
            last={i === list.items.length - 1}
            onToggle={(done) => mutate({ kind: 'checklist.item.update', ...ids, itemId: item.id, done })}
            onRename={(title) => mutate({ kind: 'checklist.item.update', ...ids, itemId: item.id, title })}
            onMove={(direction) => move(i, direction)}
            onDelete={() => mutate({ kind: 'checklist.item.delete', ...ids, itemId: item.id })}
            onConvert={() => {
              // Two ops, queued in order: the new card first, so the item is never lost in between.
              mutate({
                kind: 'card.create',
                id: newId(),
                listId: card.listId,
                title: item.title,
                afterCardId: card.id,
              });
              mutate({ kind: 'checklist.item.delete', ...ids, itemId: item.id });
            }}
          />
        ))}
      </ul>
      {canWrite && (
        <AddForm
          label={`Add an item to ${list.title}`}
          onAdd={(title) => {
            const last = list.items.at(-1);
            mutate({
              kind: 'checklist.item.create',
              ...ids,
              id: newId(),
              title,
              ...(last && { afterItemId: last.id }),
            });
          }}
        />
      )}
    </div>
  );
};

/** The card's checklists: add, rename and delete lists; add, tick, rename, reorder and delete items. */
export const ChecklistsSection = ({ card, canWrite, mutate }: ChecklistsProps) => {
  if (!canWrite && card.checklists.length === 0) return null;
  return (
    <Section name="checklists" title="Checklists">
      {card.checklists.map((list) => (
        <ChecklistBlock key={list.id} card={card} list={list} canWrite={canWrite} mutate={mutate} />
      ))}
      {canWrite && (
        <AddForm
          label="Add a checklist"
          onAdd={(title) => mutate({ kind: 'checklist.create', cardId: card.id, id: newId(), title })}
        />
      )}
    </Section>
  );
};
