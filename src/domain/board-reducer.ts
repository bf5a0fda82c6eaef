import type { Board, Card, List } from './board';
import type { BoardEventRecord, CardChanges } from './events';
import { sameLabelName } from './card-model';

/** What the reducer changes a board through: reads of the board as it stands, and replacing entities. */
export interface BoardWriter {
  view(): { readonly board: Board };
  list(id: string): List | undefined;
  allCards(): readonly Card[];
  setBoard(board: Board): void;
  setList(list: List): void;
  setCard(card: Card): void;
  /** Applies `f` to the card when the board holds it (a card `f` returns unchanged is not written). */
  patchCard(id: string, f: (card: Card) => Card): void;
  removeList(id: string): void;
  removeCard(id: string): void;
}

const patchCard = (card: Card, changes: CardChanges, updatedAt: string): Card => ({
  ...card,
  ...changes,
  labels: changes.labels ? [...changes.labels] : card.labels,
  updatedAt,
});

/** The one board reducer: what an event changes, written through `d`. */
export const reduce = (d: BoardWriter, ev: BoardEventRecord): void => {
  switch (ev.kind) {
    case 'board.created':
    case 'comment.updated':
      return;
    case 'board.updated': {
      const { title, archived } = ev.data;
      const board = d.view().board;
      return d.setBoard({
        ...board,
        ...(title !== undefined && { title }),
        ...(archived !== undefined && { archived }),
      });
    }
    case 'list.created':
      return d.setList(ev.data.list);
    case 'list.updated': {
      const list = d.list(ev.data.listId);
      return list && d.setList({ ...list, ...ev.data.changes });
    }
    case 'list.moved': {
      const list = d.list(ev.data.listId);
      return list && d.setList({ ...list, rank: ev.data.rank });
    }
    case 'list.deleted':
      d.removeList(ev.data.listId);
      return ev.data.cardIds.forEach((id) => d.removeCard(id));
    case 'card.created':
      return d.setCard(ev.data.card);
    case 'card.updated':
      return d.patchCard(ev.data.cardId, (c) => patchCard(c, ev.data.changes, ev.data.updatedAt));
    case 'card.moved': {
      const { toListId, rank, updatedAt } = ev.data;
      return d.patchCard(ev.data.cardId, (c) => ({ ...c, listId: toListId, rank, updatedAt }));
    }
    case 'card.deleted':
      return d.removeCard(ev.data.cardId);
    case 'list.reranked':
      for (const { cardId, rank } of ev.data.ranks) {
        d.patchCard(cardId, (c) => (c.listId === ev.data.listId ? { ...c, rank } : c));
      }
      return;
    case 'comment.deleted':
      return d.patchCard(ev.data.cardId, (c) => ({ ...c, commentCount: Math.max(0, c.commentCount - 1) }));
    case 'comment.created':
      return d.patchCard(ev.data.comment.cardId, (c) => ({ ...c, commentCount: c.commentCount + 1 }));
    default:
      return reduceCardModel(d, ev);
  }
};

type CardModelEvent = Extract<
  BoardEventRecord,
  {
    kind:
      | 'label.created'
      | 'label.updated'
      | 'label.deleted'
      | 'card.labeled'
      | 'card.unlabeled'
      | 'card.member.added'
      | 'card.member.removed'
      | 'checklist.changed'
      | 'attachment.added'
      | 'attachment.removed';
  }
>;

/** The card model's events (labels, members, checklists, attachments). */
const reduceCardModel = (d: BoardWriter, ev: CardModelEvent): void => {
  switch (ev.kind) {
    case 'label.created':
      return d.setBoard({ ...d.view().board, labels: ev.data.labels });
    case 'label.updated': {
      const { previousName, label } = ev.data;
      d.setBoard({ ...d.view().board, labels: ev.data.labels });
      if (previousName === label.name) return;
      return mapLabels(d, (ls) => ls.map((n) => (n === previousName ? label.name : n)));
    }
    case 'label.deleted': {
      const gone = ev.data.label.name;
      d.setBoard({ ...d.view().board, labels: ev.data.labels });
      return mapLabels(d, (ls) => ls.filter((n) => n !== gone));
    }
    case 'card.labeled':
      return d.patchCard(ev.data.cardId, (c) =>
        c.labels.some((n) => sameLabelName(n, ev.data.label)) ? c : { ...c, labels: [...c.labels, ev.data.label] },
      );
    case 'card.unlabeled':
      return d.patchCard(ev.data.cardId, (c) => ({ ...c, labels: c.labels.filter((n) => n !== ev.data.label) }));
    case 'card.member.added':
      return d.patchCard(ev.data.cardId, (c) =>
        c.assignees.includes(ev.data.userId) ? c : { ...c, assignees: [...c.assignees, ev.data.userId] },
      );
    case 'card.member.removed':
      return d.patchCard(ev.data.cardId, (c) => ({
        ...c,
        assignees: c.assignees.filter((u) => u !== ev.data.userId),
      }));
    case 'checklist.changed':
      return d.patchCard(ev.data.cardId, (c) => ({ ...c, checklists: ev.data.checklists }));
    case 'attachment.added':
      return d.patchCard(ev.data.cardId, (c) =>
        c.attachments.some((a) => a.id === ev.data.attachment.id)
          ? c
          : { ...c, attachments: [...c.attachments, ev.data.attachment] },
      );
    case 'attachment.removed':
      return d.patchCard(ev.data.cardId, (c) => ({
        ...c,
        attachments: c.attachments.filter((a) => a.id !== ev.data.attachment.id),
        coverAttachmentId: c.coverAttachmentId === ev.data.attachment.id ? null : c.coverAttachmentId,
      }));
    default: {
      const unhandled: never = ev;
      return unhandled;
    }
  }
};

/** Every card whose labels `f` changes, changed; the others kept as they were. */
const mapLabels = (d: BoardWriter, f: (labels: readonly string[]) => readonly string[]): void => {
  for (const card of d.allCards()) {
    const labels = f(card.labels);
    if (labels.length !== card.labels.length || labels.some((n, i) => n !== card.labels[i])) {
      d.setCard({ ...card, labels });
    }
  }
};
