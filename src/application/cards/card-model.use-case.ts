import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  checklistEdits,
  commands,
  notFound,
  type AppError,
  type BoardEvent,
  type BoardLabel,
  type BoardOpOf,
  type Card,
  type CardId,
  type ChecklistOutcome,
  type Origin,
  type Uuid,
} from '../../domain';
import type { Actor, BoardTarget, Mutation, OpResults } from '../api';
import { membershipOf } from '../authorization';
import { cardIn, mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import type { BoardTx } from '../ports';

type Result<T> = TE.TaskEither<AppError, T>;
type Handler<K extends keyof OpResults> = (
  actor: Actor,
  target: BoardTarget,
  op: BoardOpOf<K>,
  origin: Origin | null,
) => Result<Mutation<OpResults[K]>>;

const labelIn = (labels: readonly BoardLabel[], id: Uuid): Result<BoardLabel> => {
  const found = labels.find((l) => l.id === id);
  return found ? TE.right(found) : TE.left(notFound('Label'));
};

/** A change to one card, answered with the card as it is after it. */
const onCard =
  (deps: AppDeps) =>
  (
    actor: Actor,
    { teamId, boardId }: BoardTarget,
    cardId: CardId,
    origin: Origin | null,
    decide: (tx: BoardTx, card: Card) => E.Either<AppError, BoardEvent>,
  ): Result<Mutation<Card>> =>
    mutateBoard(deps)(
      { actor, teamId, boardId, origin, action: 'card.write' },
      (tx) =>
        pipe(
          tx.card(cardId),
          TE.chainEitherK((card) => decide(tx, card)),
        ),
      (_event, state) => cardIn(state, cardId),
    );

const checklist =
  (deps: AppDeps) =>
  (
    actor: Actor,
    target: BoardTarget,
    cardId: CardId,
    origin: Origin | null,
    edit: (card: Card) => E.Either<AppError, ChecklistOutcome>,
  ) =>
    onCard(deps)(actor, target, cardId, origin, (tx, card) => commands.changeChecklists(tx.board, card, edit(card)));

/** A team member to assign: anyone else is refused as not found, exactly like a missing card. */
const teamMember = (deps: AppDeps, target: BoardTarget, userId: Uuid): Result<void> =>
  pipe(
    membershipOf(deps)(target.teamId, userId),
    TE.chain(
      O.fold(
        () => TE.left(notFound('Team member')),
        () => TE.right(undefined),
      ),
    ),
  );

/** The board ops of the card model: the label set, labels and members on cards, checklists. */
export const cardModelHandlers = (deps: AppDeps) => {
  const card = onCard(deps);
  const list = checklist(deps);
  const labelOp =
    <K extends 'label.create' | 'label.update'>(
      decide: (tx: BoardTx, op: BoardOpOf<K>) => E.Either<AppError, BoardEvent>,
      id: (op: BoardOpOf<K>) => Uuid,
    ): Handler<K> =>
    (actor, { teamId, boardId }, op, origin) =>
      mutateBoard(deps)(
        { actor, teamId, boardId, origin, action: 'card.write' },
        (tx) => TE.fromEither(decide(tx, op)),
        (_event, state) => labelIn(state.board.labels, id(op)),
      ) as Result<Mutation<OpResults[K]>>;

  const handlers: { readonly [K in CardModelKind]: Handler<K> } = {
    'label.create': (actor, target, op, origin) => {
      const id = op.id ?? (deps.ids.next() as Uuid);
      return labelOp<'label.create'>(
        (tx) => commands.createLabel(tx.board, { id, name: op.name, ...(op.color && { color: op.color }) }),
        () => id,
      )(actor, target, op, origin);
    },
    'label.update': labelOp<'label.update'>(
      (tx, op) => commands.updateLabel(tx.board, op.labelId, { name: op.name, color: op.color }),
      (op) => op.labelId,
    ),
    'label.delete': (actor, { teamId, boardId }, op, origin) =>
      mutateBoard(deps)(
        { actor, teamId, boardId, origin, action: 'card.write' },
        (tx) => TE.fromEither(commands.deleteLabel(tx.board, op.labelId)),
        () => TE.right({ id: op.labelId }),
      ),
    'card.label.add': (actor, target, op, origin) =>
      card(actor, target, op.cardId, origin, (tx, c) => commands.labelCard(tx.board, c, op.labelId)),
    'card.label.remove': (actor, target, op, origin) =>
      card(actor, target, op.cardId, origin, (tx, c) => commands.unlabelCard(tx.board, c, op.label)),
    'card.member.add': (actor, target, op, origin) =>
      pipe(
        teamMember(deps, target, op.userId),
        TE.chain(() =>
          card(actor, target, op.cardId, origin, (tx, c) => commands.assignMember(tx.board, c, op.userId)),
        ),
      ),
    'card.member.remove': (actor, target, op, origin) =>
      card(actor, target, op.cardId, origin, (tx, c) => commands.unassignMember(tx.board, c, op.userId)),
    'checklist.create': (actor, target, op, origin) => {
      const id = op.id ?? (deps.ids.next() as Uuid);
      return list(actor, target, op.cardId, origin, (c) => checklistEdits.addChecklist(c, { id, title: op.title }));
    },
    'checklist.update': (actor, target, op, origin) =>
      list(actor, target, op.cardId, origin, (c) => checklistEdits.renameChecklist(c, op.checklistId, op.title)),
    'checklist.delete': (actor, target, op, origin) =>
      list(actor, target, op.cardId, origin, (c) => checklistEdits.deleteChecklist(c, op.checklistId)),
    'checklist.item.create': (actor, target, { kind: _k, cardId, checklistId, id, ...rest }, origin) => {
      const itemId = id ?? (deps.ids.next() as Uuid);
      return list(actor, target, cardId, origin, (c) =>
        checklistEdits.addItem(c, checklistId, { id: itemId, ...rest }),
      );
    },
    'checklist.item.update': (actor, target, op, origin) =>
      list(actor, target, op.cardId, origin, (c) =>
        checklistEdits.updateItem(c, op.checklistId, op.itemId, { title: op.title, done: op.done }),
      ),
    'checklist.item.move': (actor, target, op, origin) =>
      list(actor, target, op.cardId, origin, (c) =>
        checklistEdits.moveItem(c, op.checklistId, op.itemId, {
          ...(op.afterItemId !== undefined && { afterItemId: op.afterItemId }),
          ...(op.beforeItemId !== undefined && { beforeItemId: op.beforeItemId }),
        }),
      ),
    'checklist.item.delete': (actor, target, op, origin) =>
      list(actor, target, op.cardId, origin, (c) => checklistEdits.deleteItem(c, op.checklistId, op.itemId)),
  };
  return handlers;
};

export type CardModelKind =
  | 'label.create'
  | 'label.update'
  | 'label.delete'
  | 'card.label.add'
  | 'card.label.remove'
  | 'card.member.add'
  | 'card.member.remove'
  | 'checklist.create'
  | 'checklist.update'
  | 'checklist.delete'
  | 'checklist.item.create'
  | 'checklist.item.update'
  | 'checklist.item.move'
  | 'checklist.item.delete';
