import * as E from 'fp-ts/Either';
import type { Card } from './board';
import type { ChecklistOutcome } from './card-model-commands';
import { CARD_MODEL_LIMITS, type Checklist, type ChecklistItem } from './card-model';
import { byDisplayOrder } from './board-state';
import { conflict, notFound, unprocessable, validation, type AppError } from './errors';
import type { Uuid } from './ids';
import { gapAround } from './placement';
import { rankBetween } from './ranking';

/**
 * The checklist edits, as pure functions from a card to its checklists after the edit. Items are
 * ranked like cards (fractional keys), placed by the same stale-anchor rule, and kept in display
 * order so every reader shows them alike.
 */
type Outcome = E.Either<AppError, ChecklistOutcome>;

const checklistOf = (card: Card, id: Uuid): E.Either<AppError, Checklist> => {
  const found = card.checklists.find((c) => c.id === id);
  return found ? E.right(found) : E.left(notFound('Checklist'));
};

const itemOf = (list: Checklist, id: Uuid): E.Either<AppError, ChecklistItem> => {
  const found = list.items.find((i) => i.id === id);
  return found ? E.right(found) : E.left(notFound('Checklist item'));
};

const replaced = (card: Card, list: Checklist): Checklist[] =>
  card.checklists.map((c) => (c.id === list.id ? { ...list, items: [...list.items].sort(byDisplayOrder) } : c));

const idTaken = (card: Card, id: Uuid): boolean =>
  card.checklists.some((c) => c.id === id || c.items.some((i) => i.id === id));

export const addChecklist = (card: Card, p: { id: Uuid; title: string }): Outcome => {
  if (idTaken(card, p.id)) return E.left(conflict('Id taken', 'id_taken'));
  if (card.checklists.length >= CARD_MODEL_LIMITS.checklistsPerCard) {
    return E.left(unprocessable(`A card has at most ${CARD_MODEL_LIMITS.checklistsPerCard} checklists`, 'too_many'));
  }
  const list: Checklist = { id: p.id, title: p.title, items: [] };
  return E.right({ checklists: [...card.checklists, list], change: { what: 'created', checklist: p.title } });
};

export const renameChecklist = (card: Card, id: Uuid, title: string): Outcome =>
  E.map((list: Checklist) => ({
    checklists: replaced(card, { ...list, title }),
    change: { what: 'renamed' as const, checklist: title },
  }))(checklistOf(card, id));

export const deleteChecklist = (card: Card, id: Uuid): Outcome =>
  E.map((list: Checklist) => ({
    checklists: card.checklists.filter((c) => c.id !== id),
    change: { what: 'deleted' as const, checklist: list.title },
  }))(checklistOf(card, id));

interface ItemPlace {
  readonly afterItemId?: Uuid;
  readonly beforeItemId?: Uuid;
}

const rankFor = (list: Checklist, movingId: Uuid | null, at: ItemPlace) =>
  rankBetween(
    gapAround(list.items, movingId, {
      ...(at.afterItemId !== undefined && { afterId: at.afterItemId }),
      ...(at.beforeItemId !== undefined && { beforeId: at.beforeItemId }),
    }),
  );

export const addItem = (card: Card, checklistId: Uuid, p: { id: Uuid; title: string } & ItemPlace): Outcome => {
  if (idTaken(card, p.id)) return E.left(conflict('Id taken', 'id_taken'));
  return E.chain((list: Checklist) => {
    if (list.items.length >= CARD_MODEL_LIMITS.itemsPerChecklist) {
      return E.left(unprocessable(`A checklist has at most ${CARD_MODEL_LIMITS.itemsPerChecklist} items`, 'too_many'));
    }
    return E.map((rank: string) => {
      const item: ChecklistItem = { id: p.id, title: p.title, done: false, rank };
      return {
        checklists: replaced(card, { ...list, items: [...list.items, item] }),
        change: { what: 'item.added' as const, checklist: list.title, item: p.title },
      };
    })(rankFor(list, null, p));
  })(checklistOf(card, checklistId));
};

/** Renames, checks or unchecks an item. */
export const updateItem = (
  card: Card,
  checklistId: Uuid,
  itemId: Uuid,
  changes: { title?: string; done?: boolean },
): Outcome => {
  if (changes.title === undefined && changes.done === undefined) {
    return E.left(validation('Nothing to change', 'empty_patch'));
  }
  return E.chain((list: Checklist) =>
    E.map((item: ChecklistItem) => {
      const next: ChecklistItem = { ...item, title: changes.title ?? item.title, done: changes.done ?? item.done };
      const what =
        changes.title !== undefined && changes.title !== item.title
          ? ('item.renamed' as const)
          : next.done
            ? ('item.checked' as const)
            : ('item.unchecked' as const);
      return {
        checklists: replaced(card, { ...list, items: list.items.map((i) => (i.id === itemId ? next : i)) }),
        change: { what, checklist: list.title, item: next.title },
      };
    })(itemOf(list, itemId)),
  )(checklistOf(card, checklistId));
};

export const moveItem = (card: Card, checklistId: Uuid, itemId: Uuid, at: ItemPlace): Outcome =>
  E.chain((list: Checklist) =>
    E.chain((item: ChecklistItem) =>
      E.map((rank: string) => ({
        checklists: replaced(card, { ...list, items: list.items.map((i) => (i.id === itemId ? { ...i, rank } : i)) }),
        change: { what: 'item.moved' as const, checklist: list.title, item: item.title },
      }))(rankFor(list, itemId, at)),
    )(itemOf(list, itemId)),
  )(checklistOf(card, checklistId));

export const deleteItem = (card: Card, checklistId: Uuid, itemId: Uuid): Outcome =>
  E.chain((list: Checklist) =>
    E.map((item: ChecklistItem) => ({
      checklists: replaced(card, { ...list, items: list.items.filter((i) => i.id !== itemId) }),
      change: { what: 'item.deleted' as const, checklist: list.title, item: item.title },
    }))(itemOf(list, itemId)),
  )(checklistOf(card, checklistId));
