import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Board, Card } from './board';
import {
  CARD_MODEL_LIMITS,
  nextLabelColor,
  sameLabelName,
  type BoardLabel,
  type Checklist,
  type LabelColor,
} from './card-model';
import { conflict, notFound, unprocessable, type AppError } from './errors';
import type { BoardEvent, ChecklistChange } from './events';
import { nonEmpty, onBoard, writable } from './guards';
import type { Uuid, UserId } from './ids';

/** Decisions of the card model: the board's label set, labels and members on a card, checklists. */
type Decision = E.Either<AppError, BoardEvent>;

const labelNamed = (board: Board, name: string): BoardLabel | undefined =>
  board.labels.find((l) => sameLabelName(l.name, name));

/**
 * Label names as the board spells them: a name matching a label of the set ignoring case takes the
 * set's spelling, so a later rename or delete of that label finds it on the card.
 */
export const canonicalLabels = (board: Board, names: readonly string[]): string[] => {
  const out: string[] = [];
  for (const name of names) {
    const spelled = labelNamed(board, name)?.name ?? name;
    if (!out.some((n) => sameLabelName(n, spelled))) out.push(spelled);
  }
  return out;
};

const labelById = (board: Board, id: Uuid): E.Either<AppError, BoardLabel> => {
  const found = board.labels.find((l) => l.id === id);
  return found ? E.right(found) : E.left(notFound('Label'));
};

const nameFree = (board: Board, name: string, except?: Uuid): E.Either<AppError, void> =>
  board.labels.some((l) => l.id !== except && sameLabelName(l.name, name))
    ? E.left(conflict(`The board already has a label named "${name}"`, 'label_exists'))
    : E.right(undefined);

export const createLabel = (board: Board, p: { id: Uuid; name: string; color?: LabelColor }): Decision =>
  pipe(
    writable(board),
    E.chainFirst(() =>
      board.labels.length >= CARD_MODEL_LIMITS.labelsPerBoard
        ? E.left(unprocessable(`A board has at most ${CARD_MODEL_LIMITS.labelsPerBoard} labels`, 'too_many_labels'))
        : E.right(undefined),
    ),
    E.chainFirst(() =>
      board.labels.some((l) => l.id === p.id) ? E.left(conflict('Id taken', 'id_taken')) : E.right(0),
    ),
    E.chainFirst(() => nameFree(board, p.name)),
    E.map(() => {
      const label: BoardLabel = { id: p.id, name: p.name, color: p.color ?? nextLabelColor(board.labels.length) };
      return { kind: 'label.created' as const, data: { label, labels: [...board.labels, label] } };
    }),
  );

export const updateLabel = (board: Board, id: Uuid, changes: { name?: string; color?: LabelColor }): Decision =>
  pipe(
    writable(board),
    E.chain(() => labelById(board, id)),
    E.chainFirst(() => nonEmpty(changes)),
    E.chainFirst(() => (changes.name === undefined ? E.right(undefined) : nameFree(board, changes.name, id))),
    E.map((before) => {
      const label: BoardLabel = { ...before, name: changes.name ?? before.name, color: changes.color ?? before.color };
      const labels = board.labels.map((l) => (l.id === id ? label : l));
      return { kind: 'label.updated' as const, data: { label, previousName: before.name, labels } };
    }),
  );

export const deleteLabel = (board: Board, id: Uuid): Decision =>
  pipe(
    writable(board),
    E.chain(() => labelById(board, id)),
    E.map((label) => ({
      kind: 'label.deleted' as const,
      data: { label, labels: board.labels.filter((l) => l.id !== id) },
    })),
  );

const cardOn = (board: Board, card: Card) =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
  );

/** Puts a label of the board's set on a card (by the label's id, so the picker never misspells it). */
export const labelCard = (board: Board, card: Card, labelId: Uuid): Decision =>
  pipe(
    cardOn(board, card),
    E.chain(() => labelById(board, labelId)),
    E.chainFirst((label) =>
      card.labels.some((n) => sameLabelName(n, label.name))
        ? E.left(conflict(`The card already has the label "${label.name}"`, 'already_labeled'))
        : card.labels.length >= 20
          ? E.left(unprocessable('A card has at most 20 labels', 'too_many_labels'))
          : E.right(undefined),
    ),
    E.map((label) => ({
      kind: 'card.labeled' as const,
      data: { cardId: card.id, title: card.title, label: label.name },
    })),
  );

/** Takes a label off a card; by name, so a free-text label without an entry in the set can go too. */
export const unlabelCard = (board: Board, card: Card, name: string): Decision =>
  pipe(
    cardOn(board, card),
    E.chain(() => {
      const found = card.labels.find((n) => sameLabelName(n, name));
      return found === undefined ? E.left(notFound('Label on this card')) : E.right(found);
    }),
    E.map((label) => ({ kind: 'card.unlabeled' as const, data: { cardId: card.id, title: card.title, label } })),
  );

/** Assigns a team member (the caller checked membership) to a card. */
export const assignMember = (board: Board, card: Card, userId: UserId): Decision =>
  pipe(
    cardOn(board, card),
    E.chainFirst(() =>
      card.assignees.includes(userId)
        ? E.left(conflict('That person is already on the card', 'already_assigned'))
        : card.assignees.length >= CARD_MODEL_LIMITS.assigneesPerCard
          ? E.left(
              unprocessable(`A card has at most ${CARD_MODEL_LIMITS.assigneesPerCard} members`, 'too_many_members'),
            )
          : E.right(undefined),
    ),
    E.map(() => ({ kind: 'card.member.added' as const, data: { cardId: card.id, title: card.title, userId } })),
  );

export const unassignMember = (board: Board, card: Card, userId: UserId): Decision =>
  pipe(
    cardOn(board, card),
    E.chainFirst(() =>
      card.assignees.includes(userId) ? E.right(undefined) : E.left(notFound('Member on this card')),
    ),
    E.map(() => ({ kind: 'card.member.removed' as const, data: { cardId: card.id, title: card.title, userId } })),
  );

/**
 * Takes a person who left the team off a card. Unlike `unassignMember` it applies to archived boards too:
 * nobody outside the team may stay on any card, and the change is the team's bookkeeping, not an edit.
 */
export const unassignDeparted = (board: Board, card: Card, userId: UserId): Decision =>
  pipe(
    onBoard(board, card, 'Card'),
    E.chainFirst(() =>
      card.assignees.includes(userId) ? E.right(undefined) : E.left(notFound('Member on this card')),
    ),
    E.map(() => ({ kind: 'card.member.removed' as const, data: { cardId: card.id, title: card.title, userId } })),
  );

/** A checklist change: the card's checklists after it, and what it did in words for the feed. */
export interface ChecklistOutcome {
  readonly checklists: readonly Checklist[];
  readonly change: ChecklistChange;
}

/** Records a checklist edit worked out by `checklist-edits.ts` (pure, shared with the browser). */
export const changeChecklists = (board: Board, card: Card, outcome: E.Either<AppError, ChecklistOutcome>): Decision =>
  pipe(
    cardOn(board, card),
    E.chain(() => outcome),
    E.map(({ checklists, change }) => ({
      kind: 'checklist.changed' as const,
      data: { cardId: card.id, title: card.title, change, checklists: [...checklists] },
    })),
  );
