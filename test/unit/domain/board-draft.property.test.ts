import fc from 'fast-check';
import {
  applyEvent,
  applyEvents,
  BoardDraft,
  cardsOfList,
  type BoardEvent,
  type BoardEventRecord,
  type BoardState,
  type CardId,
  type ListId,
  type Rank,
} from '../../../src/domain';
import { AT, makeBoard, makeCard, makeList, record, stateOf, uuid } from './fixtures';

/**
 * The reducer copies a board's maps once per run of events (`BoardDraft`) instead of once per event.
 * These properties hold it to the one-event-at-a-time fold it replaced: same result, inputs never
 * changed, and every state handed out stays as it was when later events are applied.
 */

const board = makeBoard({ id: uuid(1), teamId: uuid(100) });
const lists = [0, 1, 2].map((i) => makeList(board, { id: uuid(10 + i), title: `L${i}`, rank: `a${i}` as Rank }));
const cards = [0, 1, 2, 3, 4, 5].map((i) =>
  makeCard(lists[i % 3]!, { id: uuid(20 + i), title: `C${i}`, rank: `a${i}` as Rank, labels: ['Bug'] }),
);
const base = (): BoardState => deepFreeze(stateOf(board, lists, cards, 1));

const deepFreeze = <T>(value: T): T => {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
};

const cardId = (n: number) => uuid(20 + (n % 9)) as CardId;
const listId = (n: number) => uuid(10 + (n % 4)) as ListId;

/** One event naming cards and lists that may or may not be on the board (the reducer is total). */
const eventArb: fc.Arbitrary<BoardEvent> = fc.oneof(
  fc.record({ c: fc.nat(), l: fc.nat() }).map(({ c, l }): BoardEvent => {
    const list = lists[l % 3]!;
    return {
      kind: 'card.created',
      data: { card: makeCard(list, { id: cardId(c), title: `New ${c}` }), listTitle: '' },
    };
  }),
  fc.record({ c: fc.nat(), t: fc.string({ maxLength: 5 }) }).map(({ c, t }): BoardEvent => ({
    kind: 'card.updated',
    data: { cardId: cardId(c), changes: { title: t }, title: t, updatedAt: AT },
  })),
  fc.record({ c: fc.nat(), l: fc.nat(), r: fc.nat({ max: 99 }) }).map(({ c, l, r }): BoardEvent => ({
    kind: 'card.moved',
    data: {
      cardId: cardId(c),
      title: '',
      fromListId: listId(0),
      toListId: listId(l),
      rank: `b${r}` as Rank,
      updatedAt: AT,
    } as Extract<BoardEvent, { kind: 'card.moved' }>['data'],
  })),
  fc
    .nat()
    .map((c): BoardEvent => ({ kind: 'card.deleted', data: { cardId: cardId(c), title: '', listId: listId(0) } })),
  fc.record({ l: fc.nat(), c: fc.nat() }).map(({ l, c }): BoardEvent => ({
    kind: 'list.deleted',
    data: { listId: listId(l), title: '', cardIds: [cardId(c), cardId(c + 1)] },
  })),
  fc.record({ l: fc.nat(), t: fc.string({ maxLength: 5 }) }).map(({ l, t }): BoardEvent => ({
    kind: 'list.updated',
    data: { listId: listId(l), previousTitle: '', changes: { title: t } },
  })),
  fc.nat().map((c): BoardEvent => ({ kind: 'card.labeled', data: { cardId: cardId(c), title: '', label: 'Feature' } })),
  fc.constant<BoardEvent>({
    kind: 'label.deleted',
    data: { label: { id: uuid(90), name: 'Bug', color: 'red' }, labels: [] },
  } as BoardEvent),
);

const recordsOf = (events: readonly BoardEvent[], fromSeq: number): BoardEventRecord[] =>
  events.map((ev, i) => record(ev, fromSeq + i + 1));

const oneByOne = (state: BoardState, events: readonly BoardEventRecord[]): BoardState =>
  events.reduce<BoardState>((s, ev) => applyEvent(s, ev) ?? s, state);

describe('the board draft (one copy of the maps per run of events)', () => {
  it('applying events together gives the same board as applying them one at a time', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const evs = recordsOf(events, 1);
        expect(applyEvents(base(), evs)).toEqual(oneByOne(base(), evs));
      }),
    );
  });

  it('never changes the state it starts from (frozen: any write would throw)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const start = base();
        const before = structuredClone(start);
        applyEvents(start, recordsOf(events, 1));
        expect(start).toEqual(before);
      }),
    );
  });

  it('a state taken with done() stays as it was while the draft goes on', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 20 }), fc.array(eventArb, { maxLength: 20 }), (first, second) => {
        const draft = new BoardDraft(base());
        recordsOf(first, 1).forEach((ev) => draft.apply(ev));
        const taken = draft.done();
        const copy = structuredClone(taken);
        recordsOf(second, 1 + first.length).forEach((ev) => draft.apply(ev));
        expect(taken).toEqual(copy);
        expect(draft.done()).toEqual(oneByOne(base(), recordsOf([...first, ...second], 1)));
      }),
    );
  });

  it("the draft's list index gives each list's cards as a scan of the board does, however events move them", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 20 }), fc.array(eventArb, { maxLength: 20 }), (first, second) => {
        const draft = new BoardDraft(base());
        recordsOf(first, 1).forEach((ev) => draft.apply(ev));
        // Asked once midway, so the index is built there and must be kept in step by what follows.
        draft.cardsOfList(listId(0));
        recordsOf(second, 1 + first.length).forEach((ev) => draft.apply(ev));
        for (let l = 0; l < 4; l++) {
          expect(draft.cardsOfList(listId(l))).toEqual(cardsOfList(draft.view(), listId(l)));
        }
      }),
    );
  });

  it('an entity read from the view stays as it was read (entities are replaced, never changed)', () => {
    const draft = new BoardDraft(base());
    const card = draft.view().cards[cardId(0)]!;
    draft.apply(
      record(
        { kind: 'card.updated', data: { cardId: cardId(0), changes: { title: 'X' }, title: 'X', updatedAt: AT } },
        2,
      ),
    );
    expect(card.title).toBe('C0');
    expect(draft.view().cards[cardId(0)]!.title).toBe('X');
    expect([...draft.changedCards]).toEqual([cardId(0)]);
  });

  it('events at or below the seq are skipped, and a run of only those returns the same state', () => {
    const start = base();
    const stale = record({ kind: 'card.deleted', data: { cardId: cardId(0), title: '', listId: listId(0) } }, 1);
    expect(applyEvents(start, [stale])).toBe(start);
    expect(applyEvent(start, stale)).toBe(start);
  });
});
