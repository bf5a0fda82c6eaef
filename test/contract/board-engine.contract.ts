import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { BoardEngine, readNothing, type Committed, type ReadAfter } from '../../src/application/engine/board-engine';
import type { BoardStore, CommitBatch, Decide } from '../../src/application/ports';
import {
  applyEvent,
  commands,
  rankBetween,
  type BoardState,
  type Card,
  type CardId,
  type ListId,
} from '../../src/domain';
import { boardWorld, createCardDecision, type BoardWorld } from './board-fixtures';
import { newId, ok, type Subject } from './fixtures';

/** A card move to the end of `listId`, decided from the board as the engine holds it. */
const moveToEnd =
  (cardId: CardId, listId: ListId, at: string): Decide =>
  (tx) =>
    pipe(
      TE.Do,
      TE.bind('card', () => tx.card(cardId)),
      TE.bind('from', ({ card }) => tx.list(card.listId)),
      TE.bind('to', () => tx.list(listId)),
      TE.bind('gap', ({ to }) => tx.cardGap(to.id, {}, cardId)),
      TE.bind('rank', ({ gap }) => TE.fromEither(rankBetween(gap))),
      TE.chainEitherK(({ card, from, to, rank }) => commands.moveCard(tx.board, card, from, to, rank, at)),
    );

/** Reads the whole board right after an op (a copy: the engine's draft goes on changing). */
const boardAfter: ReadAfter<BoardState> = (_record, state) => TE.right(structuredClone(state));

/** The board an op's answer read right after it. */
const after = (committed: Committed<BoardState>): BoardState => {
  if (E.isLeft(committed.answer)) throw new Error(`the read failed: ${committed.answer.left.kind}`);
  return committed.answer.right;
};

/** The store with every `commit` call's batch size recorded. */
const counting = (store: BoardStore) => {
  const batches: number[] = [];
  const port: BoardStore = {
    ...store,
    commit: (batch: CommitBatch) => {
      batches.push(batch.entries.length);
      return store.commit(batch);
    },
  };
  return { port, batches };
};

const foldLog = async (w: BoardWorld): Promise<BoardState | null> => {
  const log = await ok(w.store.eventsAfter(w.teamId, w.boardId, 0, 10_000));
  return log.reduce<BoardState | null>((s, e) => applyEvent(s, e), null);
};

/**
 * The board engine over a real store: group commit, deciding again when another writer got there
 * first, retries answered by their first event, and the committed log as the only truth.
 */
export const registerBoardEngineContract = (name: string, factory: () => Promise<Subject<BoardStore>>): void => {
  describe(`BoardEngine over ${name}`, () => {
    let subject: Subject<BoardStore>;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(() => subject.close());

    it('ops arriving while a commit is in flight go out together, each with its own seq and answer', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const cards = [];
      for (let i = 0; i < 30; i++) cards.push(await w.addCard(todo.id, `c${i}`));
      const { port, batches } = counting(subject.port);
      const engine = new BoardEngine(port);
      const base = (await ok(engine.read(w.teamId, w.boardId))).seq;

      const answers = await Promise.all(
        cards.map((c) => ok(engine.submit(w.ctx(), moveToEnd(c.id, done.id, new Date().toISOString()), boardAfter))),
      );

      expect(answers.map((a) => a.record.seq)).toEqual(cards.map((_, i) => base + i + 1));
      // The first op commits alone; the 29 that queued behind it share far fewer round trips.
      expect(batches.length).toBeLessThan(10);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(30);
      const stored = await ok(w.store.snapshot(w.teamId, w.boardId));
      expect(Object.values(stored.cards).every((c) => c.listId === done.id)).toBe(true);
      expect(await foldLog(w)).toEqual(stored);
      expect(after(answers[29]!)).toEqual(stored);
    });

    it('a commit that finds the seq moved reads what another instance wrote and decides again on it', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const here = new BoardEngine(subject.port);
      const there = new BoardEngine(subject.port);
      await ok(here.read(w.teamId, w.boardId));
      // Another instance creates a card this one has never seen.
      const cardId = newId();
      await ok(
        there.submit(w.ctx(), createCardDecision(todo.id, 'From B', {}, cardId, new Date().toISOString()), boardAfter),
      );

      const moved = await ok(here.submit(w.ctx(), moveToEnd(cardId, done.id, new Date().toISOString()), boardAfter));

      expect(moved.record.kind).toBe('card.moved');
      expect(after(moved).cards[cardId]?.listId).toBe(done.id);
      expect(await foldLog(w)).toEqual(await ok(w.store.snapshot(w.teamId, w.boardId)));
    });

    it('the events a seq_moved answer carries are applied without reading the log; without them the log is read', async () => {
      for (const carried of [true, false]) {
        const w = await boardWorld(subject.port);
        const todo = await w.addList('To Do');
        const done = await w.addList('Done');
        const reads: number[] = [];
        const port: BoardStore = {
          ...subject.port,
          eventsAfter: (teamId, boardId, after, limit) => {
            reads.push(after);
            return subject.port.eventsAfter(teamId, boardId, after, limit);
          },
          commit: (batch) =>
            pipe(
              subject.port.commit(batch),
              TE.map((o) => (o.kind === 'seq_moved' && !carried ? { kind: o.kind, seq: o.seq } : o)),
            ),
        };
        const known = await w.addCard(todo.id, 'Known to both');
        const here = new BoardEngine(port);
        await ok(here.read(w.teamId, w.boardId));
        reads.length = 0;
        const there = new BoardEngine(subject.port);
        const cardIds = [newId(), newId(), newId()];
        for (const id of cardIds) {
          await ok(
            there.submit(w.ctx(), createCardDecision(todo.id, 'From B', {}, id, new Date().toISOString()), boardAfter),
          );
        }

        // Decidable on the held copy, which lacks the three cards: the commit meets a moved seq.
        const moved = await ok(
          here.submit(w.ctx(), moveToEnd(known.id, done.id, new Date().toISOString()), boardAfter),
        );

        expect(moved.record.seq).toBe(8);
        expect(after(moved).cards[known.id]?.listId).toBe(done.id);
        expect(Object.keys(after(moved).cards)).toHaveLength(4);
        expect(reads).toEqual(carried ? [] : [4]);
        expect(after(moved)).toEqual(await foldLog(w));
      }
    });

    it('a batch that keeps meeting a moved seq takes the board lock and commits instead of giving up busy', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const card = await w.addCard(todo.id, 'Contested');
      const locked: number[] = [];
      let raced = 0;
      // Another instance that always commits first: every plain commit finds the seq moved.
      const port: BoardStore = {
        ...subject.port,
        commit: () => {
          raced++;
          return TE.right({ kind: 'seq_moved', seq: 4 });
        },
        commitLocked: (teamId, boardId, afterSeq, decide) => {
          locked.push(afterSeq);
          return subject.port.commitLocked(teamId, boardId, afterSeq, decide);
        },
      };
      const engine = new BoardEngine(port);

      const moved = await ok(engine.submit(w.ctx(), moveToEnd(card.id, done.id, new Date().toISOString()), boardAfter));

      expect(moved.record.seq).toBe(5);
      expect(raced).toBe(2);
      expect(locked).toEqual([4]);
      expect(after(moved)).toEqual(await foldLog(w));
    });

    it('a locked round answered seq_moved before deciding (the board too far ahead) reads the log and goes on', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const done = await w.addList('Done');
      const card = await w.addCard(todo.id, 'Contested');
      let lockedCalls = 0;
      const port: BoardStore = {
        ...subject.port,
        commit: () => TE.right({ kind: 'seq_moved', seq: 4 }),
        // The first lock finds the board past what it would hand over, as a store does past its limit.
        commitLocked: (teamId, boardId, afterSeq, decide) =>
          ++lockedCalls === 1
            ? TE.right({ kind: 'seq_moved', seq: 4 })
            : subject.port.commitLocked(teamId, boardId, afterSeq, decide),
      };

      const moved = await ok(
        new BoardEngine(port).submit(w.ctx(), moveToEnd(card.id, done.id, new Date().toISOString()), boardAfter),
      );

      expect(moved.record.seq).toBe(5);
      expect(lockedCalls).toBe(2);
      expect(after(moved)).toEqual(await foldLog(w));
    });

    it('two engines writing one board at once lose and double nothing, and nobody is told the board is busy', async () => {
      const w = await boardWorld(subject.port);
      const lists = [await w.addList('A'), await w.addList('B')];
      const cards = [];
      for (let i = 0; i < 6; i++) cards.push(await w.addCard(lists[0]!.id, `Card ${i}`));
      const engines = [new BoardEngine(subject.port), new BoardEngine(subject.port)];
      const before = (await ok(w.store.snapshot(w.teamId, w.boardId))).seq;
      const sends: Promise<E.Either<unknown, unknown>>[] = [];
      for (let tick = 0; tick < 40; tick++) {
        for (const [i, engine] of engines.entries()) {
          const card = cards[(tick + i) % cards.length]!;
          const to = lists[(tick + i) % 2]!;
          sends.push(engine.submit(w.ctx(), moveToEnd(card.id, to.id, new Date().toISOString()), boardAfter)());
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }

      const answers = await Promise.all(sends);

      expect(answers.filter(E.isLeft)).toEqual([]);
      const after = await ok(w.store.snapshot(w.teamId, w.boardId));
      expect(after.seq - before).toBe(sends.length);
      expect(after).toEqual(await foldLog(w));
    });

    it('the retry of an op that landed through another instance answers its first event and appends nothing', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const origin = { clientId: 'tab-1', mid: 'm-1' };
      const cardId = newId();
      const first = await ok(
        new BoardEngine(subject.port).submit(
          w.ctx(origin),
          createCardDecision(todo.id, 'Once', {}, cardId, new Date().toISOString()),
          boardAfter,
        ),
      );
      const other = new BoardEngine(subject.port);
      await ok(other.read(w.teamId, w.boardId));
      const seqBefore = (await ok(w.store.snapshot(w.teamId, w.boardId))).seq;

      // A create of the same id would clash; a delete of a card already gone would be not_found.
      const retried = await ok(
        other.submit(
          w.ctx(origin),
          createCardDecision(todo.id, 'Once', {}, cardId, new Date().toISOString()),
          boardAfter,
        ),
      );

      expect(retried.record).toEqual(first.record);
      expect((await ok(w.store.snapshot(w.teamId, w.boardId))).seq).toBe(seqBefore);
    });

    it('a refused op in a batch is answered with its refusal and does not hold back the others', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'Real');
      const engine = new BoardEngine(subject.port);
      const at = new Date().toISOString();

      const [good, missing, alsoGood] = await Promise.all([
        engine.submit(w.ctx(), moveToEnd(card.id, todo.id, at), boardAfter)(),
        engine.submit(w.ctx(), moveToEnd(newId(), todo.id, at), boardAfter)(),
        engine.submit(w.ctx(), createCardDecision(todo.id, 'New', {}, newId(), at), boardAfter)(),
      ]);

      expect(E.isRight(good) && E.isRight(alsoGood)).toBe(true);
      expect(missing).toEqual(E.left(expect.objectContaining({ kind: 'not_found' })));
      expect(await foldLog(w)).toEqual(await ok(w.store.snapshot(w.teamId, w.boardId)));
    });

    it('each op of a group commit is answered from the board as it stood right after that op', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const first = await w.addCard(todo.id, 'First');
      const engine = new BoardEngine(subject.port);
      const at = new Date().toISOString();
      const cardId = newId();
      const titleAfter: ReadAfter<string | null> = (_record, state) => TE.right(state.cards[cardId]?.title ?? null);
      const onCard =
        (change: (board: BoardState['board'], card: Card) => ReturnType<typeof commands.deleteCard>): Decide =>
        (tx) =>
          pipe(
            tx.card(cardId),
            TE.chainEitherK((card) => change(tx.board, card)),
          );

      // The first op is in flight alone; the three behind it go out in one commit, in order.
      const [, created, renamed, deleted] = await Promise.all([
        ok(engine.submit(w.ctx(), moveToEnd(first.id, todo.id, at), readNothing)),
        ok(engine.submit(w.ctx(), createCardDecision(todo.id, 'Draft', {}, cardId, at), titleAfter)),
        ok(
          engine.submit(
            w.ctx(),
            onCard((board, c) => commands.updateCard(board, c, { title: 'Final' }, at)),
            titleAfter,
          ),
        ),
        ok(
          engine.submit(
            w.ctx(),
            onCard((board, c) => commands.deleteCard(board, c)),
            titleAfter,
          ),
        ),
      ]);

      expect([created.answer, renamed.answer, deleted.answer]).toEqual([
        E.right('Draft'),
        E.right('Final'),
        E.right(null),
      ]);
      expect(renamed.record.seq).toBe(created.record.seq + 1);
    });

    it('a board it forgot (its team moved) is read again from the store on the next op', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const engine = new BoardEngine(subject.port);
      await ok(engine.read(w.teamId, w.boardId));
      expect(engine.held().boards).toBe(1);

      engine.forgetTeam(w.teamId);

      expect(engine.held().boards).toBe(0);
      const created = await ok(
        engine.submit(w.ctx(), createCardDecision(todo.id, 'After', {}, newId(), new Date().toISOString()), boardAfter),
      );
      expect(after(created).lists[todo.id]).toBeDefined();
    });

    it('past its budget it drops the least recently used idle boards', async () => {
      const worlds = [await boardWorld(subject.port), await boardWorld(subject.port), await boardWorld(subject.port)];
      for (const w of worlds) await w.addList('L');
      const engine = new BoardEngine(subject.port, { budgetItems: 2, maxBatch: 16 });
      for (const w of worlds) await ok(engine.read(w.teamId, w.boardId));
      // Reads do not evict; the next op's end does, keeping the board just used.
      const last = worlds[2]!;
      const list = Object.values((await ok(engine.read(last.teamId, last.boardId))).lists)[0]!;
      await ok(
        engine.submit(last.ctx(), createCardDecision(list.id, 'x', {}, newId(), new Date().toISOString()), boardAfter),
      );

      expect(engine.held().items).toBeLessThanOrEqual(2);
      expect(engine.held().boards).toBe(1);
    });
  });
};
