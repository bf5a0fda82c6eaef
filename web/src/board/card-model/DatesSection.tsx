import { useEffect, useId, useState } from 'react';
import type { Card } from '../../../../src/domain/board';
import type { BoardOpInput } from '../../sync/ops';
import { DueBadge } from './CardBadges';
import { useCardModel } from './context';
import { formatDay, formatInstant, fromLocalInput, toLocalInput, zoneName } from './dates';
import { Section } from './Section';

const input = 'rounded border border-slate-300 px-2 py-1';
const quiet = 'rounded px-2 py-0.5 text-sm text-slate-800 underline';

interface DatesSectionProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly mutate: (op: BoardOpInput) => string;
}

/**
 * One date-and-time field, on the viewer's wall clock. It sends once the person leaves the field (or
 * presses Enter) with a complete, different value, not on every keystroke of the date's parts; it
 * follows the board otherwise.
 */
const InstantField = (props: {
  label: string;
  value: string | null;
  zone: string;
  onSet: (iso: string) => void;
  onClear: () => void;
}) => {
  const { label, value, zone, onSet, onClear } = props;
  const shown = value ? toLocalInput(value, zone) : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = (next: string) => {
    const iso = fromLocalInput(next, zone);
    if (iso !== null && iso !== (value && new Date(Date.parse(value)).toISOString())) onSet(iso);
  };
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col">
        {label}
        <input
          type="datetime-local"
          className={input}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => commit(text)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit(text);
            }
          }}
        />
      </label>
      {value && (
        <button type="button" className={quiet} onClick={onClear}>
          Clear<span className="sr-only"> {label.toLowerCase()}</span>
        </button>
      )}
    </div>
  );
};

/** Start and due, as instants typed in the viewer's zone, and whether the due work is done. */
export const DatesSection = ({ card, canWrite, mutate }: DatesSectionProps) => {
  const { zone, now } = useCardModel();
  const doneId = useId();
  const update = (changes: Omit<Extract<BoardOpInput, { kind: 'card.update' }>, 'kind' | 'cardId'>) =>
    mutate({ kind: 'card.update', cardId: card.id, ...changes });
  const zoneLine = <p className="mt-1 text-xs text-slate-700">Times are in your time zone: {zoneName(zone, now)}.</p>;

  if (!canWrite)
    return (
      <Section name="due" title="Dates">
        <p className="text-sm">Start: {card.startAt ? formatInstant(card.startAt, zone) : 'None'}</p>
        <p className="text-sm">
          Due: {card.dueAt ? formatInstant(card.dueAt, zone) : card.dueDate ? formatDay(card.dueDate) : 'None'}{' '}
          <DueBadge card={card} />
        </p>
        {zoneLine}
      </Section>
    );

  return (
    <Section name="due" title="Dates">
      <div className="flex flex-wrap gap-4">
        {/* Due first: it is what the "d" shortcut is for. */}
        <InstantField
          label="Due date and time"
          value={card.dueAt}
          zone={zone}
          // A due instant replaces the legacy all-day date, so the card does not carry two due dates.
          onSet={(iso) => update({ dueAt: iso, ...(card.dueDate !== null && { dueDate: null }) })}
          onClear={() => update({ dueAt: null })}
        />
        <InstantField
          label="Start date and time"
          value={card.startAt}
          zone={zone}
          onSet={(iso) => update({ startAt: iso })}
          onClear={() => update({ startAt: null })}
        />
      </div>
      {!card.dueAt && card.dueDate && (
        <p className="mt-1 text-sm text-slate-700">All-day due date: {formatDay(card.dueDate)}.</p>
      )}
      {(card.dueAt || card.dueDate) && (
        <p className="mt-2 flex items-center gap-2 text-sm">
          <input
            id={doneId}
            type="checkbox"
            checked={card.dueDone}
            onChange={(e) => update({ dueDone: e.target.checked })}
          />
          <label htmlFor={doneId}>Done</label>
          <DueBadge card={card} />
        </p>
      )}
      {zoneLine}
    </Section>
  );
};
