import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Board, Card, Comment, List, Rank } from './board';
import { conflict, forbidden, notFound, type AppError } from './errors';
import type { BoardEvent, CardChanges, ListChanges } from './events';
import type { BoardId, CardId, CommentId, ListId, TeamId, UserId } from './ids';
import type { PlacementUsed } from './placement';
import { evenRanks } from './ranking';
import { canonicalInstant } from './card-model';
import { canonicalLabels } from './card-model-commands';
import { defined, nonEmpty, onBoard, writable } from './guards';
import { checkCover } from './attachment-commands';

/**
 * Pure decisions: given the entities a command touches (read by the caller inside its transaction),
 * either the one event that records the change or the reason it is refused. Time and ids come in as
 * arguments.
 */
type Decision = E.Either<AppError, BoardEvent>;

/** The placement rule an event records, when the caller placed by the stale-anchor rule. */
const placed = (placement: PlacementUsed | undefined): { placement?: PlacementUsed } =>
  placement === undefined ? {} : { placement };

export const createBoard = (p: {
  id: BoardId;
  teamId: TeamId;
  title: string;
  actor: UserId;
  at: string;
}): BoardEvent => ({
  kind: 'board.created',
  data: {
    board: {
      id: p.id,
      teamId: p.teamId,
      title: p.title,
      archived: false,
      createdAt: p.at,
      createdBy: p.actor,
      labels: [],
    },
  },
});

export const updateBoard = (board: Board, changes: { title?: string; archived?: boolean }): Decision =>
  pipe(
    nonEmpty(changes),
    E.map(() => ({ kind: 'board.updated' as const, data: { ...defined(changes), previousTitle: board.title } })),
  );

export const createList = (
  board: Board,
  p: { id: ListId; title: string; rank: Rank; at: string; placement?: PlacementUsed },
): Decision =>
  pipe(
    writable(board),
    E.map((b) => ({
      kind: 'list.created' as const,
      data: {
        list: {
          id: p.id,
          teamId: b.teamId,
          boardId: b.id,
          title: p.title,
          rank: p.rank,
          archived: false,
          createdAt: p.at,
        },
        ...placed(p.placement),
      },
    })),
  );

export const updateList = (board: Board, list: List, changes: ListChanges): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, list, 'List')),
    E.chainFirst(() => nonEmpty(changes)),
    E.map((l) => ({
      kind: 'list.updated' as const,
      data: { listId: l.id, changes: defined(changes), previousTitle: l.title },
    })),
  );

export const moveList = (board: Board, list: List, rank: Rank, placement?: PlacementUsed): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, list, 'List')),
    E.map((l) => ({ kind: 'list.moved' as const, data: { listId: l.id, rank, title: l.title, ...placed(placement) } })),
  );

export const deleteList = (board: Board, list: List, cardIds: readonly CardId[]): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, list, 'List')),
    E.map((l) => ({ kind: 'list.deleted' as const, data: { listId: l.id, title: l.title, cardIds: [...cardIds] } })),
  );

export interface NewCard {
  readonly id: CardId;
  readonly title: string;
  readonly description: string;
  readonly dueDate: string | null;
  readonly labels: readonly string[];
  readonly rank: Rank;
  readonly actor: UserId;
  readonly at: string;
  /** Which stale-anchor rule placed it (recorded in the event); absent when the caller does not say. */
  readonly placement?: PlacementUsed;
}

export const createCard = (board: Board, list: List, p: NewCard): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, list, 'List')),
    E.chainFirst((l) => (l.archived ? E.left(conflict('The list is archived', 'list_archived')) : E.right(l))),
    E.map((l) => ({
      kind: 'card.created' as const,
      data: {
        listTitle: l.title,
        card: {
          id: p.id,
          teamId: board.teamId,
          boardId: board.id,
          listId: l.id,
          title: p.title,
          description: p.description,
          dueDate: p.dueDate,
          labels: canonicalLabels(board, p.labels),
          rank: p.rank,
          archived: false,
          commentCount: 0,
          createdAt: p.at,
          updatedAt: p.at,
          createdBy: p.actor,
          assignees: [],
          checklists: [],
          startAt: null,
          dueAt: null,
          dueDone: false,
          attachments: [],
          coverAttachmentId: null,
        },
        ...placed(p.placement),
      },
    })),
  );

export const updateCard = (board: Board, card: Card, changes: CardChanges, at: string): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
    E.chainFirst(() => nonEmpty(changes)),
    E.chainFirst((c) => checkCover(c, changes.coverAttachmentId)),
    E.map((c) => ({
      kind: 'card.updated' as const,
      data: {
        cardId: c.id,
        changes: defined({
          ...changes,
          labels: changes.labels && canonicalLabels(board, changes.labels),
          startAt: changes.startAt && canonicalInstant(changes.startAt),
          dueAt: changes.dueAt && canonicalInstant(changes.dueAt),
        }),
        title: changes.title ?? c.title,
        updatedAt: at,
      },
    })),
  );

export const moveCard = (
  board: Board,
  card: Card,
  from: List,
  to: List,
  rank: Rank,
  at: string,
  placement?: PlacementUsed,
): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
    E.chainFirst(() => onBoard(board, to, 'List')),
    E.chainFirst(() => (to.archived ? E.left(conflict('The target list is archived', 'list_archived')) : E.right(to))),
    E.map((c) => ({
      kind: 'card.moved' as const,
      data: {
        cardId: c.id,
        title: c.title,
        fromListId: from.id,
        fromListTitle: from.title,
        toListId: to.id,
        toListTitle: to.title,
        rank,
        updatedAt: at,
        ...placed(placement),
      },
    })),
  );

/** Fresh short ranks for the cards of a list, `cardIds` in their display order. */
export const rerankList = (board: Board, list: List, cardIds: readonly CardId[]): Decision =>
  pipe(
    onBoard(board, list, 'List'),
    E.map((l) => {
      const ranks = evenRanks(cardIds.length);
      return {
        kind: 'list.reranked' as const,
        data: { listId: l.id, title: l.title, ranks: cardIds.map((cardId, i) => ({ cardId, rank: ranks[i] as Rank })) },
      };
    }),
  );

export const deleteCard = (board: Board, card: Card): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
    E.map((c) => ({ kind: 'card.deleted' as const, data: { cardId: c.id, title: c.title, listId: c.listId } })),
  );

export const createComment = (
  board: Board,
  card: Card,
  p: { id: CommentId; body: string; author: UserId; at: string },
): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
    E.map((c) => ({
      kind: 'comment.created' as const,
      data: {
        cardTitle: c.title,
        comment: {
          id: p.id,
          teamId: c.teamId,
          boardId: c.boardId,
          cardId: c.id,
          authorId: p.author,
          body: p.body,
          createdAt: p.at,
          editedAt: null,
        },
      },
    })),
  );

export * from './card-model-commands';

/**
 * Edits a comment's body. Only its author may: an edit puts words in someone's mouth. `canModerate`
 * (an admin) does not extend to editing, only to deleting.
 */
export const updateComment = (
  board: Board,
  card: Card,
  comment: Comment,
  p: { body: string; editor: UserId; at: string },
): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
    E.chainFirst(() => (comment.cardId === card.id ? E.right(comment) : E.left(notFound('Comment')))),
    E.chainFirst(() =>
      comment.authorId === p.editor
        ? E.right(undefined)
        : E.left(forbidden('Only the author can edit a comment', 'not_author')),
    ),
    E.map(() => ({
      kind: 'comment.updated' as const,
      data: { commentId: comment.id, cardId: card.id, cardTitle: card.title, body: p.body, editedAt: p.at },
    })),
  );

/** Deletes a comment: its author, or someone who moderates the board (`canModerate`: an admin or owner). */
export const deleteComment = (
  board: Board,
  card: Card,
  comment: Comment,
  p: { by: UserId; canModerate: boolean },
): Decision =>
  pipe(
    writable(board),
    E.chain(() => onBoard(board, card, 'Card')),
    E.chainFirst(() => (comment.cardId === card.id ? E.right(comment) : E.left(notFound('Comment')))),
    E.chainFirst(() =>
      comment.authorId === p.by || p.canModerate
        ? E.right(undefined)
        : E.left(forbidden('Only the author or an admin can delete a comment', 'not_author')),
    ),
    E.map(() => ({
      kind: 'comment.deleted' as const,
      data: { commentId: comment.id, cardId: card.id, cardTitle: card.title },
    })),
  );
export { addAttachment, removeAttachment } from './attachment-commands';
