import type { Board, Card, List } from './board';
import type { BoardEventRecord } from './events';
import { reduce, type BoardWriter } from './board-reducer';

/** A board with its lists and cards, normalized, as of event `seq`. */
export interface BoardState {
  readonly board: Board;
  readonly lists: Readonly<Record<string, List>>;
  readonly cards: Readonly<Record<string, Card>>;
  readonly seq: number;
}

/**
 * A board state being changed by several events in a row. Its maps are copied on their first change
 * and then changed in place, so n events cost one copy of the card map plus their own changes, where
 * folding them into immutable states one at a time copies the map n times (a 5,000-card import is
 * quadratic that way). Entities are never changed in place: a changed card is a new object, so an
 * entity read from `view()` stays as it was read.
 */
export class BoardDraft implements BoardWriter {
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
  /** Card ids by list, built when first asked for and kept in step by every change after. */
  private byList: Map<string, Set<string>> | null = null;

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
    const before = this.cards[card.id];
    if (this.byList && before?.listId !== card.listId) {
      if (before) this.byList.get(before.listId)?.delete(card.id);
      this.listIndex(card.listId).add(card.id);
    }
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
    const card = this.cards[id];
    if (!card) return;
    this.byList?.get(card.listId)?.delete(id);
    delete this.writableCards()[id];
  }

  /**
   * Cards of one list in display order, as `cardsOfList` gives them, from an index the draft keeps: a run
   * of decisions on a big board (an import adds thousands of cards) does not scan every card each time.
   */
  cardsOfList(listId: string): Card[] {
    if (!this.byList) {
      this.byList = new Map();
      for (const card of Object.values(this.cards)) this.listIndex(card.listId).add(card.id);
    }
    const ids = this.byList.get(listId);
    return ids ? [...ids].map((id) => this.cards[id]!).sort(byDisplayOrder) : [];
  }

  private listIndex(listId: string): Set<string> {
    const byList = this.byList!;
    let ids = byList.get(listId);
    if (!ids) byList.set(listId, (ids = new Set()));
    return ids;
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
