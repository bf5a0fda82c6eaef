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

const without = <V>(rec: Readonly<Record<string, V>>, keys: readonly string[]): Record<string, V> => {
  const out = { ...rec };
  for (const k of keys) delete out[k];
  return out;
};

const patchCard = (card: Card, changes: CardChanges, updatedAt: string): Card => ({
  ...card,
  ...changes,
  labels: changes.labels ? [...changes.labels] : card.labels,
  updatedAt,
});

/**
 * The one board reducer, shared by the server, the tests and the browser. It is total: an event for
 * an entity the state does not hold leaves the state as it was (apart from `seq`), and an event at or
 * below the state's `seq` was applied already and is ignored.
 */
export const applyEvent = (state: BoardState | null, ev: BoardEventRecord): BoardState | null => {
  if (ev.kind === 'board.created') {
    return state ?? { board: ev.data.board, lists: {}, cards: {}, seq: ev.seq };
  }
  if (state === null || ev.seq <= state.seq) return state;
  const next = reduce(state, ev);
  return { ...next, seq: ev.seq };
};

const reduce = (s: BoardState, ev: BoardEventRecord): BoardState => {
  switch (ev.kind) {
    case 'board.created':
      return s;
    case 'board.updated': {
      const { title, archived } = ev.data;
      return {
        ...s,
        board: { ...s.board, ...(title !== undefined && { title }), ...(archived !== undefined && { archived }) },
      };
    }
    case 'list.created':
      return { ...s, lists: { ...s.lists, [ev.data.list.id]: ev.data.list } };
    case 'list.updated': {
      const list = s.lists[ev.data.listId];
      return list ? { ...s, lists: { ...s.lists, [list.id]: { ...list, ...ev.data.changes } } } : s;
    }
    case 'list.moved': {
      const list = s.lists[ev.data.listId];
      return list ? { ...s, lists: { ...s.lists, [list.id]: { ...list, rank: ev.data.rank } } } : s;
    }
    case 'list.deleted':
      return {
        ...s,
        lists: without(s.lists, [ev.data.listId]),
        cards: without(s.cards, ev.data.cardIds),
      };
    case 'card.created':
      return { ...s, cards: { ...s.cards, [ev.data.card.id]: ev.data.card } };
    case 'card.updated': {
      const card = s.cards[ev.data.cardId];
      return card ? { ...s, cards: { ...s.cards, [card.id]: patchCard(card, ev.data.changes, ev.data.updatedAt) } } : s;
    }
    case 'card.moved': {
      const card = s.cards[ev.data.cardId];
      if (!card) return s;
      const moved: Card = { ...card, listId: ev.data.toListId, rank: ev.data.rank, updatedAt: ev.data.updatedAt };
      return { ...s, cards: { ...s.cards, [card.id]: moved } };
    }
    case 'card.deleted':
      return { ...s, cards: without(s.cards, [ev.data.cardId]) };
    case 'list.reranked': {
      const cards = { ...s.cards };
      for (const { cardId, rank } of ev.data.ranks) {
        const card = cards[cardId];
        if (card && card.listId === ev.data.listId) cards[cardId] = { ...card, rank };
      }
      return { ...s, cards };
    }
    case 'comment.updated':
      return s;
    case 'comment.deleted':
      return patch(s, ev.data.cardId, (c) => ({ ...c, commentCount: Math.max(0, c.commentCount - 1) }));
    case 'label.created':
      return { ...s, board: { ...s.board, labels: ev.data.labels } };
    case 'label.updated': {
      const { previousName, label } = ev.data;
      const board = { ...s.board, labels: ev.data.labels };
      if (previousName === label.name) return { ...s, board };
      return { ...s, board, cards: mapLabels(s.cards, (ls) => ls.map((n) => (n === previousName ? label.name : n))) };
    }
    case 'label.deleted': {
      const gone = ev.data.label.name;
      return {
        ...s,
        board: { ...s.board, labels: ev.data.labels },
        cards: mapLabels(s.cards, (ls) => ls.filter((n) => n !== gone)),
      };
    }
    case 'card.labeled':
      return patch(s, ev.data.cardId, (c) =>
        c.labels.some((n) => sameLabelName(n, ev.data.label)) ? c : { ...c, labels: [...c.labels, ev.data.label] },
      );
    case 'card.unlabeled':
      return patch(s, ev.data.cardId, (c) => ({ ...c, labels: c.labels.filter((n) => n !== ev.data.label) }));
    case 'card.member.added':
      return patch(s, ev.data.cardId, (c) =>
        c.assignees.includes(ev.data.userId) ? c : { ...c, assignees: [...c.assignees, ev.data.userId] },
      );
    case 'card.member.removed':
      return patch(s, ev.data.cardId, (c) => ({ ...c, assignees: c.assignees.filter((u) => u !== ev.data.userId) }));
    case 'checklist.changed':
      return patch(s, ev.data.cardId, (c) => ({ ...c, checklists: ev.data.checklists }));
    case 'attachment.added':
      return patch(s, ev.data.cardId, (c) =>
        c.attachments.some((a) => a.id === ev.data.attachment.id)
          ? c
          : { ...c, attachments: [...c.attachments, ev.data.attachment] },
      );
    case 'attachment.removed':
      return patch(s, ev.data.cardId, (c) => ({
        ...c,
        attachments: c.attachments.filter((a) => a.id !== ev.data.attachment.id),
        coverAttachmentId: c.coverAttachmentId === ev.data.attachment.id ? null : c.coverAttachmentId,
      }));
    case 'comment.created': {
      const card = s.cards[ev.data.comment.cardId];
      return card ? { ...s, cards: { ...s.cards, [card.id]: { ...card, commentCount: card.commentCount + 1 } } } : s;
    }
  }
};

/** The state with one card changed, or as it was when the card is not on the board. */
const patch = (s: BoardState, cardId: string, f: (card: Card) => Card): BoardState => {
  const card = s.cards[cardId];
  return card ? { ...s, cards: { ...s.cards, [cardId]: f(card) } } : s;
};

/** Every card whose labels `f` changes, changed; the others kept as they were. */
const mapLabels = (
  cards: Readonly<Record<string, Card>>,
  f: (labels: readonly string[]) => readonly string[],
): Record<string, Card> => {
  const out: Record<string, Card> = { ...cards };
  for (const [id, card] of Object.entries(cards)) {
    const labels = f(card.labels);
    if (labels.length !== card.labels.length || labels.some((n, i) => n !== card.labels[i])) {
      out[id] = { ...card, labels };
    }
  }
  return out;
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
