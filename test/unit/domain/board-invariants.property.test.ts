import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  applyEvent,
  cardsOfList,
  commands,
  orderedLists,
  rankAfter,
  rankBetween,
  type AppError,
  type BoardEvent,
  type BoardState,
  type Card,
  type CardId,
  type Gap,
  type List,
  type ListId,
  type Placement,
  type Rank,
  type Uuid,
} from '../../../src/domain';
import { ALICE, AT, makeBoard, makeCard, makeList, record, stateOf, uuid } from './fixtures';

/**
 * Random command sequences run through the domain alone (gap -> rank -> decision -> applyEvent), checked
 * after every step against a plain model: the expected order of list ids and of card ids per list.
 */

const board = makeBoard({ id: uuid(1), teamId: uuid(100) });
// A second team's board, whose list and card a confused or malicious client may name.
const foreignBoard = makeBoard({ id: uuid(2), teamId: uuid(200) });
const foreignList = makeList(foreignBoard, { id: uuid(3), title: 'Theirs' });
const foreignCard = makeCard(foreignList, { id: uuid(4), title: 'Their secret' });

type Anchor = 'after' | 'before' | 'end';
type Step =
  | { op: 'createList'; pos: number; anchor: Anchor }
  | { op: 'createCard'; list: number; pos: number; anchor: Anchor }
  | { op: 'moveCard'; card: number; list: number; pos: number; anchor: Anchor }
  | { op: 'deleteCard'; card: number }
  | { op: 'deleteList'; list: number }
  | { op: 'foreign'; attempt: number; card: number; list: number };

const anchor = fc.constantFrom<Anchor>('after', 'before', 'end');
const pick = fc.nat({ max: 1000 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('createList' as const), pos: pick, anchor }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('createCard' as const), list: pick, pos: pick, anchor }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('moveCard' as const), card: pick, list: pick, pos: pick, anchor }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteCard' as const), card: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteList' as const), list: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('foreign' as const), attempt: pick, card: pick, list: pick }) },
);

/** Expected layout: list ids in display order and each list's card ids in display order. */
interface Model {
  lists: ListId[];
  cards: Map<ListId, CardId[]>;
}

interface World {
  state: BoardState;
  model: Model;
  nextId: number;
}

const at = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

/** Where to insert among `ids` (the moving entity already left out), as a placement and a model index. */
const choose = <Id extends string>(
  ids: readonly Id[],
  pos: number,
  how: Anchor,
): { placement: Placement<Id>; index: number } => {
  const i = pos % Math.max(ids.length, 1);
  const id = ids[i];
  if (how === 'end' || id === undefined) return { placement: {}, index: ids.length };
  return how === 'after' ? { placement: { afterId: id }, index: i + 1 } : { placement: { beforeId: id }, index: i };
};

/** The neighbours' ranks around a placement, as the store's `cardGap`/`listGap` would read them. */
const gapOf = <T extends { id: string; rank: Rank }>(ordered: readonly T[], p: Placement<string>): Gap => {
  const i = ordered.findIndex((x) => x.id === (p.afterId ?? p.beforeId));
  if (p.afterId !== undefined) return { lower: ordered[i]!.rank, upper: ordered[i + 1]?.rank ?? null };
  if (p.beforeId !== undefined) return { lower: ordered[i - 1]?.rank ?? null, upper: ordered[i]!.rank };
  return { lower: ordered[ordered.length - 1]?.rank ?? null, upper: null };
};

/** Ends of lists use rankAfter, gaps between neighbours use rankBetween, as the use cases do. */
const rankFor = (gap: Gap): E.Either<AppError, Rank> =>
  gap.upper === null ? E.right(rankAfter(gap.lower)) : rankBetween(gap);

const fresh = (w: World): Uuid => uuid(1000 + w.nextId++);

/** Runs a decision: an accepted event is recorded at the next seq and applied; a refusal changes nothing. */
const commit = (w: World, decision: E.Either<AppError, BoardEvent>): E.Either<AppError, BoardEvent> => {
  if (E.isRight(decision)) {
    const next = applyEvent(w.state, record(decision.right, w.state.seq + 1));
    expect(next?.seq).toBe(w.state.seq + 1);
    w.state = next!;
  }
  return decision;
};

const mustSucceed = (decision: E.Either<AppError, BoardEvent>): void => {
  if (E.isLeft(decision)) throw new Error(`unexpected refusal: ${JSON.stringify(decision.left)}`);
};

const createList = (w: World, s: Extract<Step, { op: 'createList' }>): void => {
  const { placement, index } = choose(w.model.lists, s.pos, s.anchor);
  const id = fresh(w);
  const decision = E.chain((rank: Rank) =>
    commands.createList(w.state.board, { id, title: `List ${id}`, rank, at: AT }),
  )(rankFor(gapOf(orderedLists(w.state), placement)));
  mustSucceed(commit(w, decision));
  w.model.lists.splice(index, 0, id);
  w.model.cards.set(id, []);
};

const createCard = (w: World, s: Extract<Step, { op: 'createCard' }>): void => {
  const listId = at(w.model.lists, s.list);
  if (listId === undefined) return;
  const ids = w.model.cards.get(listId)!;
  const { placement, index } = choose(ids, s.pos, s.anchor);
  const id = fresh(w);
  const p = { id, title: `Card ${id}`, description: '', dueDate: null, labels: [], actor: ALICE, at: AT };
  const decision = E.chain((rank: Rank) => commands.createCard(w.state.board, w.state.lists[listId]!, { ...p, rank }))(
    rankFor(gapOf(cardsOfList(w.state, listId), placement)),
  );
  mustSucceed(commit(w, decision));
  ids.splice(index, 0, id);
};

const moveCard = (w: World, s: Extract<Step, { op: 'moveCard' }>): void => {
  const cardId = at(allCards(w.model), s.card);
  const toListId = at(w.model.lists, s.list);
  if (cardId === undefined || toListId === undefined) return;
  const card = w.state.cards[cardId]!;
  const from = w.model.cards.get(card.listId)!;
  from.splice(from.indexOf(cardId), 1);
  const target = w.model.cards.get(toListId)!;
  const { placement, index } = choose(target, s.pos, s.anchor);
  const neighbours = cardsOfList(w.state, toListId).filter((c) => c.id !== cardId);
  const decision = E.chain((rank: Rank) =>
    commands.moveCard(w.state.board, card, w.state.lists[card.listId]!, w.state.lists[toListId]!, rank, AT),
  )(rankFor(gapOf(neighbours, placement)));
  mustSucceed(commit(w, decision));
  target.splice(index, 0, cardId);
};

const deleteCard = (w: World, s: Extract<Step, { op: 'deleteCard' }>): void => {
  const cardId = at(allCards(w.model), s.card);
  if (cardId === undefined) return;
  const card = w.state.cards[cardId]!;
  mustSucceed(commit(w, commands.deleteCard(w.state.board, card)));
  const ids = w.model.cards.get(card.listId)!;
  ids.splice(ids.indexOf(cardId), 1);
};

const deleteList = (w: World, s: Extract<Step, { op: 'deleteList' }>): void => {
  const listId = at(w.model.lists, s.list);
  if (listId === undefined) return;
  const cardIds = cardsOfList(w.state, listId).map((c) => c.id);
  mustSucceed(commit(w, commands.deleteList(w.state.board, w.state.lists[listId]!, cardIds)));
  w.model.lists.splice(w.model.lists.indexOf(listId), 1);
  w.model.cards.delete(listId);
};

/** Every way a command could name the other team's list or card; each must be refused as not found. */
const foreignAttempts = (b: BoardState['board'], own: Card | undefined, ownList: List | undefined) => [
  () => commands.createCard(b, foreignList, { ...foreignCard, description: '', actor: ALICE, at: AT }),
  () => commands.updateList(b, foreignList, { title: 'Mine now' }),
  () => commands.moveList(b, foreignList, 'a0'),
  () => commands.deleteList(b, foreignList, [foreignCard.id]),
  () => commands.updateCard(b, foreignCard, { title: 'Mine now' }, AT),
  () => commands.deleteCard(b, foreignCard),
  () => commands.createComment(b, foreignCard, { id: uuid(5), body: 'hi', author: ALICE, at: AT }),
  () => commands.moveCard(b, foreignCard, foreignList, ownList ?? foreignList, 'a0', AT),
  () => commands.moveCard(b, own ?? foreignCard, ownList ?? foreignList, foreignList, 'a0', AT),
];

const foreign = (w: World, s: Extract<Step, { op: 'foreign' }>): void => {
  const own = w.state.cards[at(allCards(w.model), s.card) ?? ''];
  const ownList = w.state.lists[at(w.model.lists, s.list) ?? ''];
  const attempts = foreignAttempts(w.state.board, own, ownList);
  const before = w.state;
  const decision = commit(w, at(attempts, s.attempt)!());
  expect(E.isLeft(decision) && decision.left.kind).toBe('not_found');
  expect(w.state).toBe(before);
};

const allCards = (m: Model): CardId[] => m.lists.flatMap((l) => m.cards.get(l)!);

const run = (w: World, s: Step): void => {
  switch (s.op) {
    case 'createList':
      return createList(w, s);
    case 'createCard':
      return createCard(w, s);
    case 'moveCard':
      return moveCard(w, s);
    case 'deleteCard':
      return deleteCard(w, s);
    case 'deleteList':
      return deleteList(w, s);
    case 'foreign':
      return foreign(w, s);
  }
};

const strictlyIncreasing = (ranks: readonly Rank[]): boolean => ranks.every((r, i) => i === 0 || ranks[i - 1]! < r);

const checkInvariants = (w: World): void => {
  const { state, model } = w;
  const lists = orderedLists(state);
  expect(lists.map((l) => l.id)).toEqual(model.lists);
  expect(strictlyIncreasing(lists.map((l) => l.rank))).toBe(true);
  for (const card of Object.values(state.cards)) {
    // exactly one list: the one it names, which is on this board
    expect(state.lists[card.listId]).toBeDefined();
  }
  for (const list of lists) {
    const cards = cardsOfList(state, list.id);
    expect(cards.map((c) => c.id)).toEqual(model.cards.get(list.id));
    expect(strictlyIncreasing(cards.map((c) => c.rank))).toBe(true);
  }
  expect(Object.keys(state.cards).length).toBe(allCards(model).length);
  for (const entity of [...Object.values(state.lists), ...Object.values(state.cards)]) {
    expect(entity.teamId).toBe(board.teamId);
    expect(entity.boardId).toBe(board.id);
  }
};

describe('board invariants under random command sequences', () => {
  test('every card stays in exactly one list, ranks stay strictly ordered and nothing crosses teams', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const w: World = { state: stateOf(board, [], [], 1), model: { lists: [], cards: new Map() }, nextId: 0 };
        for (const s of steps) {
          run(w, s);
          checkInvariants(w);
        }
      }),
      { numRuns: 200 },
    );
  });
});
