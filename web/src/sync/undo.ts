import type { Card } from '../../../src/domain/board';
import { cardsOfList, orderedLists, type BoardState } from '../../../src/domain/board-state';
import type { BoardOpInput } from './ops';
import { CARD_MODEL_PLANNERS } from './undo-card-model';
import { NONE, undoable, type Planner, type UndoPlan } from './undo-plan';

export type { UndoPlan };

/** Where an item sat among its siblings: after its previous neighbour, else before its next one. */
const slotOf = <T extends { id: string }>(siblings: readonly T[], id: string) => {
  const at = siblings.findIndex((s) => s.id === id);
  const after = siblings[at - 1];
  const before = siblings[at + 1];
  return { after: after?.id, before: after === undefined ? before?.id : undefined };
};

/** The previous values of exactly the fields `changes` names (a field left out stays untouched). */
const previousOf = (entity: object, changes: object): Record<string, unknown> => {
  const was = entity as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => [key, was[key]]),
  );
};

const archiveWord = (archived: boolean | undefined) =>
  archived === true ? 'archived' : archived === false ? 'restored' : undefined;

const cardUpdate: Planner<'card.update'> = (before, { kind: _k, cardId, ...changes }) => {
  const card: Card | undefined = before.cards[cardId];
  if (!card) return NONE;
  const label = `Card ${archiveWord(changes.archived) ?? 'updated'}`;
  return undoable(label, { kind: 'card.update', cardId, ...previousOf(card, changes) } as BoardOpInput);
};

const cardMove: Planner<'card.move'> = (before, op) => {
  const card = before.cards[op.cardId];
  if (!card) return NONE;
  const { after, before: next } = slotOf(cardsOfList(before, card.listId), card.id);
  return undoable('Card moved', {
    kind: 'card.move',
    cardId: card.id,
    toListId: card.listId,
    ...(after !== undefined && { afterCardId: after }),
    ...(next !== undefined && { beforeCardId: next }),
  });
};

const listMove: Planner<'list.move'> = (before, op) => {
  if (!before.lists[op.listId]) return NONE;
  const { after, before: next } = slotOf(orderedLists(before), op.listId);
  return undoable('List moved', {
    kind: 'list.move',
    listId: op.listId,
    ...(after !== undefined && { afterListId: after }),
    ...(next !== undefined && { beforeListId: next }),
  });
};

const listUpdate: Planner<'list.update'> = (before, { kind: _k, listId, ...changes }) => {
  const list = before.lists[listId];
  if (!list) return NONE;
  const label = `List ${archiveWord(changes.archived) ?? 'renamed'}`;
  return undoable(label, { kind: 'list.update', listId, ...previousOf(list, changes) } as BoardOpInput);
};

const boardUpdate: Planner<'board.update'> = (before, { kind: _k, ...changes }) =>
  undoable(`Board ${archiveWord(changes.archived) ?? 'renamed'}`, {
    kind: 'board.update',
    ...previousOf(before.board, changes),
  } as BoardOpInput);

/**
 * How each kind of op is taken back. A kind without a planner is not undoable (and says nothing):
 * new op kinds opt in by adding one here.
 */
const PLANNERS: { readonly [K in BoardOpInput['kind']]?: Planner<K> } = {
  'board.update': boardUpdate,
  // A created card or list is archived rather than deleted, so "undo" can itself be taken back from the archive.
  'card.create': (_before, op) =>
    op.id === undefined ? NONE : undoable('Card added', { kind: 'card.update', cardId: op.id, archived: true }),
  'list.create': (_before, op) =>
    op.id === undefined ? NONE : undoable('List added', { kind: 'list.update', listId: op.id, archived: true }),
  'card.update': cardUpdate,
  'card.move': cardMove,
  'list.update': listUpdate,
  'list.move': listMove,
  'card.delete': () => ({ type: 'final', label: 'Card deleted' }),
  'list.delete': () => ({ type: 'final', label: 'List deleted' }),
  ...CARD_MODEL_PLANNERS,
};

/** How to take back `op`, decided from the board `before` it was applied. */
export const planUndo = (before: BoardState, op: BoardOpInput): UndoPlan => {
  const planner = PLANNERS[op.kind] as Planner<typeof op.kind> | undefined;
  return planner ? planner(before, op) : NONE;
};

/** One undoable change of this tab: the mutation that made it and the op that takes it back. */
export interface UndoEntry {
  readonly mid: string;
  readonly label: string;
  readonly inverse: BoardOpInput;
}

/** How many changes back one can go. */
export const UNDO_LIMIT = 20;

/** The stack with `entry` on top, the oldest entries dropped past `limit`. */
export const pushUndo = (stack: readonly UndoEntry[], entry: UndoEntry, limit = UNDO_LIMIT): readonly UndoEntry[] =>
  [...stack, entry].slice(-limit);
