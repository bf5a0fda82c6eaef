import type { BoardState } from '../../../src/domain/board-state';
import { sameLabelName } from '../../../src/domain/card-model';
import type { BoardOpInput } from './ops';
import { NONE, undoable, type Planner } from './undo-plan';

/**
 * Undo planners for the card-model ops (labels, members, checklists), the same way as undo.ts: the op
 * that puts back what the op changed, from the board just before it. An op that changed nothing (a
 * label already on the card) has nothing to undo. Creates and deletes are left out: taking back a
 * checklist someone has since filled, or re-creating a deleted item without its state, would surprise.
 */

const hasLabel = (labels: readonly string[], name: string) => labels.some((n) => sameLabelName(n, name));

const labelAdd: Planner<'card.label.add'> = (before, op) => {
  const card = before.cards[op.cardId];
  const label = before.board.labels.find((l) => l.id === op.labelId);
  if (!card || !label || hasLabel(card.labels, label.name)) return NONE;
  return undoable('Label added', { kind: 'card.label.remove', cardId: card.id, label: label.name });
};

// A free-text label outside the board's set cannot be put back by id: that removal is not offered as undoable.
const labelRemove: Planner<'card.label.remove'> = (before, op) => {
  const card = before.cards[op.cardId];
  const label = before.board.labels.find((l) => sameLabelName(l.name, op.label));
  if (!card || !label || !hasLabel(card.labels, op.label)) return NONE;
  return undoable('Label removed', { kind: 'card.label.add', cardId: card.id, labelId: label.id });
};

const memberAdd: Planner<'card.member.add'> = (before, op) => {
  const card = before.cards[op.cardId];
  if (!card || card.assignees.some((a) => a === op.userId)) return NONE;
  return undoable('Member added', { kind: 'card.member.remove', cardId: card.id, userId: op.userId });
};

const memberRemove: Planner<'card.member.remove'> = (before, op) => {
  const card = before.cards[op.cardId];
  if (!card || !card.assignees.some((a) => a === op.userId)) return NONE;
  return undoable('Member removed', { kind: 'card.member.add', cardId: card.id, userId: op.userId });
};

const checklistOf = (before: BoardState, cardId: string, checklistId: string) =>
  before.cards[cardId]?.checklists.find((c) => c.id === checklistId);

const itemUpdate: Planner<'checklist.item.update'> = (before, op) => {
  const item = checklistOf(before, op.cardId, op.checklistId)?.items.find((i) => i.id === op.itemId);
  if (!item) return NONE;
  const label = op.done === undefined ? 'Item renamed' : op.done ? 'Item checked' : 'Item unchecked';
  return undoable(label, {
    kind: 'checklist.item.update',
    cardId: op.cardId,
    checklistId: op.checklistId,
    itemId: op.itemId,
    ...(op.title !== undefined && { title: item.title }),
    ...(op.done !== undefined && { done: item.done }),
  });
};

const itemMove: Planner<'checklist.item.move'> = (before, op) => {
  const items = checklistOf(before, op.cardId, op.checklistId)?.items ?? [];
  const at = items.findIndex((i) => i.id === op.itemId);
  if (at < 0) return NONE;
  const after = items[at - 1];
  const next = items[at + 1];
  return undoable('Item moved', {
    kind: 'checklist.item.move',
    cardId: op.cardId,
    checklistId: op.checklistId,
    itemId: op.itemId,
    ...(after ? { afterItemId: after.id } : next && { beforeItemId: next.id }),
  });
};

const checklistRename: Planner<'checklist.update'> = (before, op) => {
  const list = checklistOf(before, op.cardId, op.checklistId);
  if (!list) return NONE;
  return undoable('Checklist renamed', { ...op, title: list.title });
};

const labelUpdate: Planner<'label.update'> = (before, op) => {
  const label = before.board.labels.find((l) => l.id === op.labelId);
  if (!label) return NONE;
  return undoable('Label changed', {
    kind: 'label.update',
    labelId: label.id,
    ...(op.name !== undefined && { name: label.name }),
    ...(op.color !== undefined && { color: label.color }),
  });
};

/** The card-model entries of undo.ts's planner table. */
export const CARD_MODEL_PLANNERS: { readonly [K in BoardOpInput['kind']]?: Planner<K> } = {
  'card.label.add': labelAdd,
  'card.label.remove': labelRemove,
  'card.member.add': memberAdd,
  'card.member.remove': memberRemove,
  'checklist.update': checklistRename,
  'checklist.item.update': itemUpdate,
  'checklist.item.move': itemMove,
  'label.update': labelUpdate,
  // Both asked for confirmation first: said, not undoable.
  'label.delete': () => ({ type: 'final', label: 'Label deleted' }),
  'checklist.delete': () => ({ type: 'final', label: 'Checklist deleted' }),
};
