import type { Board, Card, List } from './board';
import type { BoardEventRecord, CardChanges } from './events';
import { sameLabelName } from './card-model';

/** A board with its lists and cards, normalized, as of event `seq`. */
export interface BoardState {
  readonly board: Board;
  readonly lists: Readonly<Record<string, List>>;
  readonly cards: Readonly<Record<string, Card>>;
  readonly seq: number;
}

const patchCard = (card: Card, changes: CardChanges, updatedAt: string): Card => ({
  ...card,
  ...changes,
  labels: changes.labels ? [...changes.labels] : card.labels,
  updatedAt,
});

/**
 * A board state being changed by several events in a row. Its maps are copied on their first change
 * and then changed in place, so n events cost one copy of the card map plus their own changes, where
 * folding them into immutable states one at a time copies the map n times (a 5,000-card import is
 * quadratic that way). Entities are never changed in place: a changed card is a new object, so an
 * entity read from `view()` stays as it was read.
 */
export class BoardDraft {
  private board: Board;
  private lists: Record<string, List>;
  private cards: Record<string, Card>;
  private seq: number;
  private ownLists = false;
  private ownCards = false;
  /** Ids of the lists and cards added or replaced since the draft was opened (to freeze only those). */
  readonly changedLists = new Set<string>();
  readonly changedCards = new Set<string>();
  private boardChanged = false;

  constructor(base: BoardState) {
    this.board = base.board;
    this.lists = base.lists as Record<string, List>;
    this.cards = base.cards as Record<string, Card>;
    this.seq = base.seq;
  }

  /** Applies one event; false when it was applied already (at or below the draft's seq). */
  apply(ev: BoardEventRecord): boolean {
    if (ev.kind === 'board.created' || ev.seq <= this.seq) return false;
    reduce(this, ev);
    this.seq = ev.seq;
    return true;
  }

  /** The board as of the last event applied. Its maps keep changing with later events: read, do not keep. */
  view(): BoardState {
    return { board: this.board, lists: this.lists, cards: this.cards, seq: this.seq };
  }

  /** The board as of now, to keep: later events applied to the draft copy the maps again first. */
  done(): BoardState {
    this.ownLists = false;
    this.ownCards = false;
    return this.view();
  }

  /** Whether the board row itself (title, archived, labels) changed since the draft was opened. */
  get boardReplaced(): boolean {
    return this.boardChanged;
  }

  list(id: string): List | undefined {
    return this.lists[id];
  }
  card(id: string): Card | undefined {
    return this.cards[id];
  }
  allCards(): readonly Card[] {
    return Object.values(this.cards);
  }
  setBoard(board: Board): void {
    this.board = board;
    this.boardChanged = true;
  }
  setList(list: List): void {
    this.writableLists()[list.id] = list;
    this.changedLists.add(list.id);
  }
  setCard(card: Card): void {
    this.writableCards()[card.id] = card;
    this.changedCards.add(card.id);
  }
  /** Applies `f` to the card when the board holds it. */
  patchCard(id: string, f: (card: Card) => Card): void {
    const card = this.cards[id];
    if (!card) return;
    const next = f(card);
    if (next !== card) this.setCard(next);
  }
  removeList(id: string): void {
    if (this.lists[id]) delete this.writableLists()[id];
  }
  removeCard(id: string): void {
    if (this.cards[id]) delete this.writableCards()[id];
  }

  private writableLists(): Record<string, List> {
    if (!this.ownLists) {
      this.lists = { ...this.lists };
      this.ownLists = true;
    }
    return this.lists;
  }
  private writableCards(): Record<string, Card> {
    if (!this.ownCards) {
      this.cards = { ...this.cards };
      this.ownCards = true;
    }
    return this.cards;
  }
}

/**
 * The one board reducer, shared by the server, the tests and the browser. It is total: an event for
 * an entity the state does not hold leaves the state as it was (apart from `seq`), and an event at or
 * below the state's `seq` was applied already and is ignored.
 */
export const applyEvent = (state: BoardState | null, ev: BoardEventRecord): BoardState | null => {
  if (ev.kind === 'board.created') {
    return state ?? { board: ev.data.board, lists: {}, cards: {}, seq: ev.seq };
  }
  if (state === null) return null;
  return applyEvents(state, [ev]);
};

/** `applyEvent` over events in order, copying each map at most once: the state itself when none applies. */
export const applyEvents = (state: BoardState, events: readonly BoardEventRecord[]): BoardState => {
  const draft = new BoardDraft(state);
  let applied = false;
  for (const ev of events) applied = draft.apply(ev) || applied;
  return applied ? draft.done() : state;
};

const reduce = (d: BoardDraft, ev: BoardEventRecord): void => {
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
const reduceCardModel = (d: BoardDraft, ev: CardModelEvent): void => {
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
const mapLabels = (d: BoardDraft, f: (labels: readonly string[]) => readonly string[]): void => {
  for (const card of d.allCards()) {
    const labels = f(card.labels);
    if (labels.length !== card.labels.length || labels.some((n, i) => n !== card.labels[i])) {
      d.setCard({ ...card, labels });
    }
  }
};

/** Lists of a board in display order (rank, then id for a stable tie-break). */
export const orderedLists = (s: BoardState): List[] => Object.values(s.lists).sort(byDisplayOrder);

/** Display order of lists or cards: rank, then id, so every client breaks ties alike. */
export const byDisplayOrder = (a: { rank: string; id: string }, b: { rank: string; id: string }): number =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1;

/** Cards of one list in display order. */
export const cardsOfList = (s: BoardState, listId: string): Card[] =>
  Object.values(s.cards)
    .filter((c) => c.listId === listId)
    .sort(byDisplayOrder);
