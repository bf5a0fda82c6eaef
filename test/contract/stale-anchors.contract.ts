import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore, Decide } from '../../src/application/ports';
import {
  applyEvent,
  cardsOfList,
  commands,
  orderedLists,
  rankBetween,
  type BoardState,
  type CardId,
  type ListId,
  type Placement,
} from '../../src/domain';
import { boardWorld, gapProbe, type BoardWorld } from './board-fixtures';
import { newId, ok, ticker, type Subject } from './fixtures';

/**
 * Stale anchors under concurrency: several clients each decide moves from their own, possibly old, view
 * of a board, and the moves reach the store in random interleavings (each round's moves concurrently).
 * A move whose neighbour has moved away is placed by the stale-anchor rule, so the only refusals left
 * are for a card that is gone; whatever happens, the board keeps its invariants.
 */

type Side = 'after' | 'before' | 'both' | 'end';
type Intent =
  | {
      readonly op: 'moveCard' | 'moveList';
      readonly card: number;
      readonly list: number;
      readonly at: number;
      readonly side: Side;
    }
  | { readonly op: 'deleteCard'; readonly card: number }
  | { readonly op: 'refresh' };
interface Step {
  readonly client: number;
  readonly intent: Intent;
}

const CLIENTS = 4;
const pick = fc.nat({ max: 1000 });
const side = fc.constantFrom<Side>('after', 'before', 'both', 'end');
const move = (op: 'moveCard' | 'moveList') =>
  fc.record({ op: fc.constant(op), card: pick, list: pick, at: pick, side });
const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 8, arbitrary: move('moveCard') },
  { weight: 2, arbitrary: move('moveList') },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteCard' as const), card: pick }) },
  { weight: 2, arbitrary: fc.constant({ op: 'refresh' as const }) },
);
const stepArb = fc.record({ client: fc.nat({ max: CLIENTS - 1 }), intent: intentArb });
/** Rounds of steps; the steps of one round reach the store at the same time. */
const roundsArb = fc.array(fc.array(stepArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

const nth = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

/** A placement among `ids` as a client would send it, from its view. */
const placementAmong = <Id extends string>(ids: readonly Id[], n: number, s: Side): Placement<Id> => {
  const i = n % Math.max(ids.length, 1);
  const [here, next] = [ids[i], ids[i + 1]];
  if (s === 'end' || here === undefined) return {};
  if (s === 'after') return { afterId: here };
  if (s === 'before') return { beforeId: here };
  return next === undefined ? { afterId: here } : { afterId: here, beforeId: next };
};

/** The decisions the use cases make, on the store's transaction reads. */
const moveCard =
  (cardId: CardId, toListId: ListId, at: Placement<CardId>, when: string): Decide =>
  (tx) =>
    pipe(
      TE.Do,
      TE.bind('card', () => tx.card(cardId)),
      TE.bind('from', ({ card }) => tx.list(card.listId)),
      TE.bind('to', () => tx.list(toListId)),
      TE.bind('slot', ({ to }) => tx.cardGap(to.id, at, cardId)),
      TE.bind('rank', ({ slot }) => TE.fromEither(rankBetween(slot))),
      TE.chainEitherK(({ card, from, to, slot, rank }) =>
        commands.moveCard(tx.board, card, from, to, rank, when, slot.placement),
      ),
    );
const moveList =
  (listId: ListId, at: Placement<ListId>): Decide =>
  (tx) =>
    pipe(
      TE.Do,
      TE.bind('list', () => tx.list(listId)),
      TE.bind('slot', () => tx.listGap(at, listId)),
      TE.bind('rank', ({ slot }) => TE.fromEither(rankBetween(slot))),
      TE.chainEitherK(({ list, slot, rank }) => commands.moveList(tx.board, list, rank, slot.placement)),
    );
const deleteCard =
  (cardId: CardId): Decide =>
  (tx) =>
    pipe(
      tx.card(cardId),
      TE.chainEitherK((card) => commands.deleteCard(tx.board, card)),
    );

/** The decision a client makes from its view, and the card it is about (for judging refusals). */
const decide = (view: BoardState, intent: Intent, when: string): { decide: Decide; cardId?: CardId } | null => {
  if (intent.op === 'refresh') return null;
  const card = nth(Object.keys(view.cards).sort() as CardId[], intent.card);
  if (intent.op === 'deleteCard') return card === undefined ? null : { decide: deleteCard(card), cardId: card };
  const lists = orderedLists(view).map((l) => l.id);
  const list = nth(lists, intent.list);
  if (list === undefined) return null;
  if (intent.op === 'moveList') {
    return {
      decide: moveList(
        list,
        placementAmong(
          lists.filter((id) => id !== list),
          intent.at,
          intent.side,
        ),
      ),
    };
  }
  if (card === undefined) return null;
  const siblings = cardsOfList(view, list)
    .map((c) => c.id)
    .filter((id) => id !== card);
  return { decide: moveCard(card, list, placementAmong(siblings, intent.at, intent.side), when), cardId: card };
};

/** Each card in exactly one existing list, ranks strictly increasing in every list and across lists. */
const expectInvariants = (s: BoardState): void => {
  const increasing = (ranks: readonly string[]) => ranks.every((r, i) => i === 0 || ranks[i - 1]! < r);
  expect(increasing(orderedLists(s).map((l) => l.rank))).toBe(true);
  for (const card of Object.values(s.cards)) expect(s.lists[card.listId]).toBeDefined();
  for (const list of Object.keys(s.lists)) {
    expect(increasing(cardsOfList(s, list as ListId).map((c) => c.rank))).toBe(true);
  }
};

const seed = async (store: BoardStore): Promise<BoardWorld> => {
  const w = await boardWorld(store);
  for (const title of ['To Do', 'Doing', 'Done']) {
    const list = await w.addList(title);
    for (let i = 0; i < 3; i += 1) await w.addCard(list.id, `${title} ${i}`);
  }
  return w;
};

const play = async (store: BoardStore, rounds: readonly (readonly Step[])[]): Promise<void> => {
  const w = await seed(store);
  const snapshot = () => ok(store.snapshot(w.teamId, w.boardId));
  const first = await snapshot();
  const views: BoardState[] = Array.from({ length: CLIENTS }, () => first);
  const deleted = new Set<string>();
  const when = ticker();
  for (const round of rounds) {
    for (const step of round) if (step.intent.op === 'refresh') views[step.client] = await snapshot();
    const planned = round.flatMap((step) => decide(views[step.client]!, step.intent, when()) ?? []);
    const results = await Promise.all(planned.map((p) => store.mutate(w.ctx(), p.decide)()));
    for (const r of results) if (E.isRight(r) && r.right.kind === 'card.deleted') deleted.add(r.right.data.cardId);
    results.forEach((r, i) => {
      const cardId = planned[i]!.cardId;
      if (E.isRight(r) && (r.right.kind === 'card.moved' || r.right.kind === 'list.moved')) {
        expect(r.right.data.placement).toBeDefined();
      }
      // The only refusal left: the card itself was deleted (by this round or an earlier one).
      const refusal = E.isLeft(r) ? { kind: r.left.kind, cardGone: cardId !== undefined && deleted.has(cardId) } : null;
      if (refusal !== null) expect(refusal).toEqual({ kind: 'not_found', cardGone: true });
    });
  }
  const final = await snapshot();
  expectInvariants(final);
  expect(Object.keys(final.cards).length).toBe(9 - deleted.size);
  expect(Object.keys(final.lists).length).toBe(3);
  const log = await ok(store.eventsAfter(w.teamId, w.boardId, 0, 10_000));
  expect(log.reduce<BoardState | null>(applyEvent, null)).toEqual(final);
};

export const registerStaleAnchorContract = (
  name: string,
  factory: () => Promise<Subject<BoardStore>>,
  numRuns: number,
): void => {
  describe(`BoardStore stale anchors: ${name}`, () => {
    let subject: Subject<BoardStore>;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(() => subject.close());

    it('cardGap places by the stale-anchor rule when a named neighbour is no longer in the list', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const [a, b, c] = [await w.addCard(todo.id, 'A'), await w.addCard(todo.id, 'B'), await w.addCard(todo.id, 'C')];
      const elsewhere = await w.addCard(done.id, 'Elsewhere');
      const gapOf = gapProbe(subject.port, w, todo.id);
      const gone = { afterId: elsewhere.id };
      expect(await gapOf(gone, null)).toEqual({ lower: c.rank, upper: null, placement: 'anchor_missing_end' });
      expect(await gapOf({ ...gone, beforeId: b.id }, null)).toEqual({
        lower: a.rank,
        upper: b.rank,
        placement: 'anchor_missing_before',
      });
      expect(await gapOf({ beforeId: elsewhere.id }, null)).toEqual({
        lower: c.rank,
        upper: null,
        placement: 'anchor_missing_end',
      });
      expect(await gapOf({ afterId: a.id }, a.id)).toEqual({
        lower: c.rank,
        upper: null,
        placement: 'anchor_missing_end',
      });
      expect(await gapOf({ afterId: a.id, beforeId: b.id }, null)).toEqual({
        lower: a.rank,
        upper: b.rank,
        placement: 'as_asked',
      });
    });

    it('cardGap of a list that is not on the board is not found', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'A');
      const other = await boardWorld(subject.port);
      const foreign = await other.addList('Foreign');
      expect(await gapProbe(subject.port, w, foreign.id)({ afterId: card.id }, null)).toMatchObject({
        kind: 'not_found',
      });
      expect(await gapProbe(subject.port, w, newId() as typeof todo.id)({}, null)).toMatchObject({ kind: 'not_found' });
    });

    it(`moves decided from stale views never fail for a moved neighbour and keep the board whole (${numRuns} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(roundsArb, (rounds) => play(subject.port, rounds)),
        { numRuns },
      );
    }, 120_000);
  });
};
