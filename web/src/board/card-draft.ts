import type { Card } from '../../../src/domain/board';
import type { CardChanges } from '../../../src/domain/events';

/**
 * The card dialog's edits, field by field, merged with live changes while the dialog is open.
 *
 * Each field keeps the value it had when the person started from it (`base`), what the form shows
 * (`value`), and another person's newer value when both changed it (`theirs`). A field the person has
 * not changed follows the board; a field both changed waits for the person to choose. Saving sends only
 * the fields the person changed, so a save never writes back a stale copy of someone else's edit.
 */
export type FieldName = 'title' | 'description' | 'dueDate' | 'labels';

export const FIELDS: readonly FieldName[] = ['title', 'description', 'dueDate', 'labels'];

/** How a field is called in sentences such as "Bob changed the description". */
export const FIELD_NOUNS: Readonly<Record<FieldName, string>> = {
  title: 'title',
  description: 'description',
  dueDate: 'due date',
  labels: 'labels',
};

export interface FieldDraft {
  /** The board's value this edit started from (or the last one the person acknowledged). */
  readonly base: string;
  /** What the form shows. */
  readonly value: string;
  /** Someone else's value, set while it conflicts with the person's own edit. */
  readonly theirs: string | null;
}

export type CardDraft = Readonly<Record<FieldName, FieldDraft>>;

/** The form text of each field as the card holds it. */
export const textsOf = (card: Card): Readonly<Record<FieldName, string>> => ({
  title: card.title,
  description: card.description,
  dueDate: card.dueDate ?? '',
  labels: card.labels.join(', '),
});

/** Comma-separated labels as a list: trimmed, no blanks, no duplicates. */
export const labelsOf = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

/** The value a form text stands for, so "a,b" and "a, b" are the same labels and a title is trimmed. */
const normal = (field: FieldName, text: string): string =>
  field === 'labels' ? labelsOf(text).join(',') : field === 'title' ? text.trim() : text;

const same = (field: FieldName, a: string, b: string) => normal(field, a) === normal(field, b);

const mapFields = (f: (field: FieldName) => FieldDraft): CardDraft => ({
  title: f('title'),
  description: f('description'),
  dueDate: f('dueDate'),
  labels: f('labels'),
});

/** A draft of `card` with nothing changed yet. */
export const openDraft = (card: Card): CardDraft => {
  const texts = textsOf(card);
  return mapFields((f) => ({ base: texts[f], value: texts[f], theirs: null }));
};

/** The person changed this field (a blank title is not a change: a card always has a title). */
export const isTouched = (draft: CardDraft, field: FieldName): boolean => {
  const { base, value } = draft[field];
  if (field === 'title' && value.trim() === '') return false;
  return !same(field, value, base);
};

/** The person typed `value` into `field`. */
export const edit = (draft: CardDraft, field: FieldName, value: string): CardDraft => ({
  ...draft,
  [field]: { ...draft[field], value },
});

/** One field after the board's value became `remote`. */
const followField = (draft: CardDraft, field: FieldName, remote: string): FieldDraft => {
  const s = draft[field];
  // Back to where the person started from (e.g. the other edit was undone): nothing to choose any more.
  if (same(field, remote, s.base)) return s.theirs === null ? s : { ...s, theirs: null };
  if (!isTouched(draft, field)) return { base: remote, value: remote, theirs: null };
  // Both made the same change: there is nothing to choose between.
  if (same(field, remote, s.value)) return { base: remote, value: s.value, theirs: null };
  return { ...s, theirs: remote };
};

/** The draft after the card changed on the board (someone's live edit, or the person's own save). */
export const follow = (draft: CardDraft, card: Card): CardDraft => {
  const texts = textsOf(card);
  const next = mapFields((f) => followField(draft, f, texts[f]));
  // The same object when nothing moved, so a re-render of the card does not re-render the form.
  return FIELDS.every((f) => next[f] === draft[f]) ? draft : next;
};

/** Keep the person's value over the conflicting one: it will be saved over theirs, knowingly. */
export const keepMine = (draft: CardDraft, field: FieldName): CardDraft => {
  const s = draft[field];
  return s.theirs === null ? draft : { ...draft, [field]: { base: s.theirs, value: s.value, theirs: null } };
};

/** Take the other person's value and drop the person's own edit of this field. */
export const takeTheirs = (draft: CardDraft, field: FieldName): CardDraft => {
  const s = draft[field];
  return s.theirs === null ? draft : { ...draft, [field]: { base: s.theirs, value: s.theirs, theirs: null } };
};

/** The fields waiting for the person to choose between their value and someone else's. */
export const conflictsOf = (draft: CardDraft): FieldName[] => FIELDS.filter((f) => draft[f].theirs !== null);

/** Only the fields the person changed, as a partial card update; null when there is nothing to send. */
export const changesOf = (draft: CardDraft): CardChanges | null => {
  const changes: { -readonly [K in keyof CardChanges]: CardChanges[K] } = {};
  if (isTouched(draft, 'title')) changes.title = draft.title.value.trim();
  if (isTouched(draft, 'description')) changes.description = draft.description.value;
  if (isTouched(draft, 'dueDate')) changes.dueDate = draft.dueDate.value || null;
  if (isTouched(draft, 'labels')) changes.labels = labelsOf(draft.labels.value);
  return Object.keys(changes).length ? changes : null;
};
