import type { ChecklistItem } from '../../../../src/domain/card-model';
import { InlineText } from './InlineText';

const small = 'rounded px-1.5 text-xs text-slate-800 disabled:opacity-40';

interface ItemRowProps {
  readonly item: ChecklistItem;
  /** A viewer sees the item and whether it is done, with nothing to change. */
  readonly canWrite: boolean;
  readonly first: boolean;
  readonly last: boolean;
  readonly onToggle: (done: boolean) => void;
  readonly onRename: (title: string) => void;
  readonly onMove: (direction: 'up' | 'down') => void;
  readonly onDelete: () => void;
  /** Makes the item a card of its own, just below this card, and takes it off the checklist. */
  readonly onConvert: () => void;
}

/** One checklist item: a checkbox, its text (renamed in place), and move/delete buttons. */
export const ChecklistItemRow = ({
  item,
  canWrite,
  first,
  last,
  onToggle,
  onRename,
  onMove,
  onDelete,
  onConvert,
}: ItemRowProps) => {
  if (!canWrite)
    return (
      <li className="flex items-center gap-2 py-0.5 text-sm" data-testid="checklist-item" data-done={item.done}>
        <span aria-hidden="true">{item.done ? '☑' : '☐'}</span>
        <span className={`wrap-anywhere ${item.done ? 'line-through' : ''}`}>
          <span className="sr-only">{item.done ? 'Done: ' : 'Not done: '}</span>
          {item.title}
        </span>
      </li>
    );
  return (
    <li className="flex items-center gap-2 py-0.5 text-sm" data-testid="checklist-item" data-done={item.done}>
      <input type="checkbox" checked={item.done} aria-label={item.title} onChange={(e) => onToggle(e.target.checked)} />
      <InlineText
        text={item.title}
        label="Item"
        className={item.done ? 'text-slate-700 line-through' : ''}
        onSave={onRename}
      />
      <span className="ml-auto flex shrink-0 gap-0.5">
        <button type="button" className={small} disabled={first} onClick={() => onMove('up')}>
          <span aria-hidden="true">↑</span>
          <span className="sr-only">Move “{item.title}” up</span>
        </button>
        <button type="button" className={small} disabled={last} onClick={() => onMove('down')}>
          <span aria-hidden="true">↓</span>
          <span className="sr-only">Move “{item.title}” down</span>
        </button>
        <button type="button" className={small} onClick={onConvert}>
          <span aria-hidden="true">⧉</span>
          <span className="sr-only">Convert “{item.title}” to a card</span>
        </button>
        <button type="button" className={`${small} text-red-800`} onClick={onDelete}>
          <span aria-hidden="true">✕</span>
          <span className="sr-only">Delete “{item.title}”</span>
        </button>
      </span>
    </li>
  );
};
