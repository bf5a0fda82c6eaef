import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Avatar } from '../presence/avatar';
import { insertMention, matchPeople, mentionAt, type Mentionable, type MentionQuery } from './mention-query';

type Field = HTMLInputElement | HTMLTextAreaElement;

interface MentionFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Who can be mentioned: the team's members. */
  readonly people: readonly Mentionable[];
  /** A textarea (descriptions, comment edits) rather than a one-line input. */
  readonly multiline?: boolean;
  readonly 'aria-label'?: string;
  readonly placeholder?: string;
  readonly className?: string;
  readonly maxLength?: number;
  readonly rows?: number;
  /** Opens the list above the field (a field at the bottom of a dialog). */
  readonly listAbove?: boolean;
}

/**
 * A text field where `@` opens a list of the team's members (an ARIA combobox): arrows move, Enter or
 * Tab picks, Escape closes. Picking puts the person's `<@id>` token in the text, which stays raw in the
 * field (what is stored is what is edited) and is shown as a chip wherever the text is read.
 */
export const MentionField = ({ value, onChange, people, multiline, listAbove, ...rest }: MentionFieldProps) => {
  const ref = useRef<Field | null>(null);
  const listId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const caretAfter = useRef<number | null>(null);
  const matches = query ? matchPeople(people, query.text) : [];
  const open = query !== null && query.start !== dismissed && matches.length > 0;
  const current = Math.min(active, matches.length - 1);

  // The highlighted person stays in sight, in the list and in a scrolling dialog.
  useEffect(() => {
    if (open) document.getElementById(`${listId}-${current}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [open, listId, current]);

  useEffect(() => {
    if (caretAfter.current === null || !ref.current) return;
    ref.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [value]);

  const follow = (el: Field) => {
    const next = mentionAt(el.value, el.selectionStart ?? el.value.length);
    if (next?.start !== query?.start || next?.text !== query?.text) setActive(0);
    setQuery(next);
  };
  const pick = (person: Mentionable) => {
    const el = ref.current;
    if (!query || !el) return;
    const next = insertMention(value, query, el.selectionStart ?? value.length, person.id);
    caretAfter.current = next.caret;
    setQuery(null);
    onChange(next.text);
  };
  const onKeyDown = (e: KeyboardEvent<Field>) => {
    if (!open) return;
    const move = (by: number) => setActive((current + by + matches.length) % matches.length);
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter' || e.key === 'Tab') pick(matches[current]!);
    else if (e.key === 'Escape') setDismissed(query.start);
    else return;
    e.preventDefault();
  };

  const common = {
    ...rest,
    ref: (el: Field | null) => {
      ref.current = el;
    },
    value,
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? `${listId}-${current}` : undefined,
    onChange: (e: { target: Field }) => {
      onChange(e.target.value);
      follow(e.target);
    },
    onSelect: (e: { currentTarget: Field }) => follow(e.currentTarget),
    onKeyDown,
    onBlur: () => setQuery(null),
  };
  return (
    <div className="relative">
      {multiline ? <textarea {...common} /> : <input {...common} />}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="People to mention"
          className={`absolute z-20 ${listAbove ? 'bottom-full mb-1' : 'mt-1'} max-h-56 w-64 overflow-y-auto rounded border border-slate-300 bg-white py-1 text-sm shadow-lg`}
        >
          {matches.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={`flex cursor-pointer items-center gap-2 px-2 py-1 ${i === current ? 'bg-indigo-100 text-indigo-950' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(p)}
            >
              <Avatar userId={p.id} name={p.name} small />
              <bdi>{p.name}</bdi>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
