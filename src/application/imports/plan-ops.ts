import * as E from 'fp-ts/Either';
import { BoardOp, validation, type AppError, type BoardOpInput, type Uuid } from '../../domain';
import type { ImportPlan, PlanCard } from './import-plan';

/**
 * An import plan as board ops, in phases: every op of a phase has the same kind and may run after all
 * ops of the phases before it (labels before the cards that name them, cards before their checklists,
 * archiving last since an archived list or card takes no more changes). Within a phase, order matters
 * where it makes ranks (lists, cards, checklist items: each is added at the end, so the engine ranks them
 * in plan order with fractional indexing).
 */
export interface PlannedOps {
  readonly phases: readonly (readonly BoardOp[])[];
  /** Ids made for the plan's lists and labels (to remove them again if writing fails). */
  readonly listIds: readonly Uuid[];
  readonly labelIds: readonly Uuid[];
}

type Phase =
  | 'labels'
  | 'lists'
  | 'cards'
  | 'dates'
  | 'members'
  | 'checklists'
  | 'items'
  | 'done'
  | 'comments'
  | 'archiveCards'
  | 'archiveLists';
const PHASES: readonly Phase[] = [
  'labels',
  'lists',
  'cards',
  'dates',
  'members',
  'checklists',
  'items',
  'done',
  'comments',
  'archiveCards',
  'archiveLists',
];

type Emit = (phase: Phase, op: BoardOpInput) => void;

const cardOps = (card: PlanCard, listId: Uuid, next: () => Uuid, emit: Emit): void => {
  const cardId = next();
  emit('cards', {
    kind: 'card.create',
    id: cardId,
    listId,
    title: card.title,
    description: card.description,
    labels: card.labels,
    ...(card.dueDate !== null && { dueDate: card.dueDate }),
  });
  if (card.startAt !== null || card.dueAt !== null || card.dueDone)
    emit('dates', {
      kind: 'card.update',
      cardId,
      ...(card.startAt !== null && { startAt: card.startAt }),
      ...(card.dueAt !== null && { dueAt: card.dueAt }),
      ...(card.dueDone && { dueDone: true }),
    });
  for (const userId of card.assignees) emit('members', { kind: 'card.member.add', cardId, userId });
  for (const checklist of card.checklists) {
    const checklistId = next();
    emit('checklists', { kind: 'checklist.create', cardId, id: checklistId, title: checklist.title });
    for (const item of checklist.items) {
      const itemId = next();
      emit('items', { kind: 'checklist.item.create', cardId, checklistId, id: itemId, title: item.title });
      if (item.done) emit('done', { kind: 'checklist.item.update', cardId, checklistId, itemId, done: true });
    }
  }
  for (const body of card.comments) emit('comments', { kind: 'comment.create', cardId, id: next(), body });
  if (card.archived) emit('archiveCards', { kind: 'card.update', cardId, archived: true });
};

/**
 * The plan's ops, each decoded by the op codec before anything is written: a plan the board would
 * refuse is an `invalid_import` now, not a half-written board later.
 */
export const planOps = (plan: ImportPlan, next: () => Uuid): E.Either<AppError, PlannedOps> => {
  const phases = new Map<Phase, BoardOp[]>(PHASES.map((p) => [p, []]));
  let refused: string | null = null;
  const emit: Emit = (phase, input) => {
    const decoded = BoardOp.decode(input);
    if (E.isLeft(decoded)) refused ??= `${input.kind} could not be made from the export`;
    else phases.get(phase)!.push(decoded.right);
  };
  const labelIds: Uuid[] = [];
  for (const label of plan.labels) {
    const id = next();
    labelIds.push(id);
    emit('labels', { kind: 'label.create', id, name: label.name, color: label.color });
  }
  const listIds: Uuid[] = [];
  for (const list of plan.lists) {
    const listId = next();
    listIds.push(listId);
    emit('lists', { kind: 'list.create', id: listId, title: list.title });
    for (const card of list.cards) cardOps(card, listId, next, emit);
    if (list.archived) emit('archiveLists', { kind: 'list.update', listId, archived: true });
  }
  if (refused !== null) return E.left(validation(refused, 'invalid_import'));
  return E.right({ phases: PHASES.map((p) => phases.get(p)!), listIds, labelIds });
};
