import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Card } from '../../../src/domain/board';
import type { ApiClient } from '../api/client';
import type { BoardOpInput } from '../sync/ops';
import { DeleteCardButton } from './confirm';
import {
  changesOf,
  conflictsOf,
  edit,
  FIELD_NOUNS,
  follow,
  keepMine,
  openDraft,
  takeTheirs,
  type CardDraft,
  type FieldName,
} from './card-draft';
import { extractMentions } from '../../../src/domain/mentions';
import { MentionField } from '../mentions/MentionField';
import { MentionText } from '../mentions/MentionText';
import { useCardModel } from './card-model/context';
import { useWhoChanged } from './who-changed';

const input = 'mt-1 w-full rounded border border-slate-300 px-2 py-1';

/** How another person's value reads in a sentence ("Theirs: no due date"). */
const shown = (field: FieldName, text: string) =>
  text.trim() !== '' ? text : field === 'dueDate' ? 'no due date' : field === 'labels' ? 'no labels' : '(empty)';

const Conflict = (props: {
  field: FieldName;
  who: string | undefined;
  theirs: string;
  onKeep: () => void;
  onTake: () => void;
}) => (
  <div
    role="alert"
    data-testid={`conflict-${props.field}`}
    className="mt-1 rounded border border-amber-500 bg-amber-50 p-2 text-sm text-amber-950 wrap-anywhere"
  >
    <p id={`conflict-${props.field}`}>
      {props.who ?? 'Someone else'} changed the {FIELD_NOUNS[props.field]} while you were editing it.
    </p>
    <p className="mt-1 whitespace-pre-wrap">
      <span className="font-medium">Theirs:</span> {shown(props.field, props.theirs)}
    </p>
    <div className="mt-2 flex gap-2">
      <button
        type="button"
        aria-describedby={`conflict-${props.field}`}
        className="rounded bg-indigo-700 px-2 py-1 text-white"
        onClick={props.onKeep}
      >
        Keep yours
      </button>
      <button
        type="button"
        aria-describedby={`conflict-${props.field}`}
        className="rounded bg-white px-2 py-1 shadow"
        onClick={props.onTake}
      >
        Take theirs
      </button>
    </div>
  </div>
);

interface CardEditFormProps {
  readonly card: Card;
  readonly api: ApiClient;
  readonly base: string;
  /** The board's confirmed seq when the dialog opened: changes after it are someone's live edits. */
  readonly sinceSeq: number;
  readonly mutate: (op: BoardOpInput) => string;
  readonly onClose: () => void;
}

/**
 * The card's fields for someone who may write. The form follows the board while open (see card-draft)
 * and Save sends only what this person changed.
 */
export const CardEditForm = ({ card, api, base, sinceSeq, mutate, onClose }: CardEditFormProps) => {
  const [draft, setDraft] = useState<CardDraft>(() => openDraft(card));
  useEffect(() => setDraft((d) => follow(d, card)), [card]);
  const who = useWhoChanged(api, base, card.id, sinceSeq, draft);
  const conflicts = conflictsOf(draft);
  const { people } = useCardModel();
  const description = draft.description.value;

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (conflicts.length > 0) return;
    const changes = changesOf(draft);
    if (changes) mutate({ kind: 'card.update', cardId: card.id, ...changes });
    onClose();
  };
  const bind = (field: FieldName) => ({
    value: draft[field].value,
    onChange: (e: { target: { value: string } }) => setDraft((d) => edit(d, field, e.target.value)),
  });
  const field = (name: FieldName, label: string, control: ReactNode) => (
    <div className="mb-2 text-sm">
      <label className="block">
        {label}
        {control}
      </label>
      {draft[name].theirs !== null && (
        <Conflict
          field={name}
          who={who[name]}
          theirs={draft[name].theirs ?? ''}
          onKeep={() => setDraft((d) => keepMine(d, name))}
          onTake={() => setDraft((d) => takeTheirs(d, name))}
        />
      )}
    </div>
  );

  return (
    <form onSubmit={save}>
      {field('title', 'Title', <input className={input} required maxLength={200} {...bind('title')} />)}
      {field(
        'description',
        'Description',
        <MentionField
          multiline
          aria-label="Description"
          className={input}
          rows={4}
          maxLength={10_000}
          value={description}
          onChange={(v) => setDraft((d) => edit(d, 'description', v))}
          people={people}
        />,
      )}
      {extractMentions(description).length > 0 && (
        <p data-testid="description-preview" className="mb-2 text-sm whitespace-pre-wrap text-slate-700 wrap-anywhere">
          <span className="font-medium">Shows as:</span> <MentionText text={description} people={people} />
        </p>
      )}
      {field('dueDate', 'Due date', <input type="date" className={input} {...bind('dueDate')} />)}
      {field('labels', 'Labels (comma separated)', <input className={input} {...bind('labels')} />)}
      {conflicts.length > 0 && (
        <p id="save-blocked" className="text-sm text-amber-950">
          Choose yours or theirs for each change above before saving.
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={conflicts.length > 0}
          aria-describedby={conflicts.length > 0 ? 'save-blocked' : undefined}
          className="rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50"
        >
          Save
        </button>
        <button
          type="button"
          className="rounded bg-slate-200 px-3 py-1"
          onClick={() => {
            mutate({ kind: 'card.update', cardId: card.id, archived: true });
            onClose();
          }}
        >
          Archive card
        </button>
        <DeleteCardButton
          title={card.title}
          onDelete={() => {
            mutate({ kind: 'card.delete', cardId: card.id });
            onClose();
          }}
        />
        <button type="button" className="ml-auto rounded px-3 py-1 underline" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
};
