import type { Pool } from 'pg';
import { commitParameter, makePgBoardStore } from '../../src/adapters/pg/board.store';
import { GroupCommitter, type CommitParameter } from '../../src/adapters/pg/group-commit';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import type { BoardStore, CommitBatch } from '../../src/application/ports';
import { commands, type BoardEvent } from '../../src/domain';
import { boardWorld, type BoardWorld } from '../contract/board-fixtures';
import { newId, ok } from '../contract/fixtures';
import { createTestDatabase, type TestDatabase } from '../harness/database';

/** The pool, with the commit statements it was given counted by function. */
const counting = (pool: Pool) => {
  const counts = { one: 0, many: 0 };
  const proxy = new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return (text: unknown, ...rest: unknown[]) => {
        if (typeof text === 'string' && text.includes('boardroom_commit_many(')) counts.many++;
        else if (typeof text === 'string' && text.includes('boardroom_commit(')) counts.one++;
        return (target.query as (...a: unknown[]) => unknown)(text, ...rest);
      };
    },
  });
  return { pool: proxy, counts };
};

describe('group commit across the boards of a Postgres shard', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('groupcommit');
    pool = createPool(db.url, { max: 12 });
    await migrate(pool, 'shard');
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  /** A list.created event for the world's board, decided against the board as stored. */
  const listCreated = async (w: BoardWorld, title: string): Promise<BoardEvent> => {
    const state = await ok(w.store.snapshot(w.teamId, w.boardId));
    const event = commands.createList(state.board, { id: newId(), title, rank: `m${title}`, at: w.ctx().at });
    if (event._tag === 'Left') throw new Error(event.left.message);
    return event.right;
  };

  const batchOf = async (w: BoardWorld, title: string, expectedSeq?: number): Promise<CommitBatch> => {
    const event = await listCreated(w, title);
    const seq = expectedSeq ?? (await ok(w.store.snapshot(w.teamId, w.boardId))).seq;
    return { teamId: w.teamId, boardId: w.boardId, expectedSeq: seq, entries: [{ ctx: w.ctx(), event }] };
  };

  it('batches of many boards that arrive while the shard is busy share one statement, each with its own seq', async () => {
    const { pool: watched, counts } = counting(pool);
    const store = makePgBoardStore(watched as Pool, { epoch: 1 });
    const worlds = await Promise.all(Array.from({ length: 12 }, () => boardWorld(store)));
    const batches = await Promise.all(worlds.map((w) => batchOf(w, 'Doing')));
    counts.one = 0;
    counts.many = 0;

    const outcomes = await Promise.all(batches.map((b) => ok(store.commit(b))));

    expect(outcomes.map((o) => o.kind)).toEqual(worlds.map(() => 'committed'));
    // Two go at once (the shard's statements in flight); the other ten wait and go together.
    expect(counts.one + counts.many).toBeLessThan(worlds.length);
    expect(counts.many).toBeGreaterThanOrEqual(1);
    for (const [i, w] of worlds.entries()) {
      const events = await ok(w.store.eventsAfter(w.teamId, w.boardId, batches[i]!.expectedSeq, 10));
      expect(events.map((e) => [e.kind, e.seq])).toEqual([['list.created', batches[i]!.expectedSeq + 1]]);
      const lists = Object.values((await ok(w.store.snapshot(w.teamId, w.boardId))).lists);
      expect(lists.map((l) => l.title)).toEqual(['Doing']);
    }
  });

  it("one board's moved seq or fence is its own answer: the other boards in the statement commit", async () => {
    const store = makePgBoardStore(pool, { epoch: 1 });
    const [a, b, c] = await Promise.all([boardWorld(store), boardWorld(store), boardWorld(store)]);
    // c's team is fenced at another epoch: a move took it.
    await pool.query(
      "INSERT INTO tenant_fence (team_id, epoch, state) VALUES ($1, 2, 'fenced') ON CONFLICT (team_id) DO UPDATE SET state = 'fenced', epoch = 2",
      [c!.teamId],
    );
    const batches = [await batchOf(a!, 'A'), await batchOf(b!, 'B', 0), await batchOf(c!, 'C')];
    const params = batches.map((batch) => commitParameter(batch, 1));

    const { rows } = await pool.query<{ replies: unknown[] }>('SELECT boardroom_commit_many($1::jsonb) AS replies', [
      JSON.stringify(params),
    ]);

    expect(rows[0]!.replies).toEqual([
      { status: 'committed', seq: 2 },
      { status: 'seq_moved', seq: 1, missed: [expect.objectContaining({ seq: 1, kind: 'board.created' })] },
      { status: 'fenced' },
    ]);
    expect(Object.values((await ok(a!.store.snapshot(a!.teamId, a!.boardId))).lists).map((l) => l.title)).toEqual([
      'A',
    ]);
    expect((await ok(b!.store.snapshot(b!.teamId, b!.boardId))).seq).toBe(1);
  });

  it('a statement that fails whole is retried board by board, so only the failing board sees the error', async () => {
    const { pool: watched, counts } = counting(pool);
    // One in flight: the first batch goes alone, the next three wait and go together.
    const committer = new GroupCommitter(watched, { inFlight: 1, maxBoards: 64 });
    const store: BoardStore = makePgBoardStore(pool, { epoch: 1 });
    const worlds = await Promise.all(Array.from({ length: 4 }, () => boardWorld(store)));
    const params = await Promise.all(
      worlds.map(async (w, i): Promise<CommitParameter> => {
        const param = commitParameter(await batchOf(w, `L${i}`), 1);
        // The third batch carries an event kind the function refuses with an error.
        return i === 2 ? { ...param, entries: param.entries.map((e) => ({ ...e, kind: 'no.such.kind' })) } : param;
      }),
    );

    const settled = await Promise.allSettled(params.map((p) => committer.commit(p)));

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(
      settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<unknown>).value),
    ).toEqual([
      { status: 'committed', seq: 2 },
      { status: 'committed', seq: 2 },
      { status: 'committed', seq: 2 },
    ]);
    expect(counts.many).toBe(1);
    expect((await ok(worlds[2]!.store.snapshot(worlds[2]!.teamId, worlds[2]!.boardId))).seq).toBe(1);
  });

  it('two instances committing the same boards in opposite orders never deadlock', async () => {
    const store = makePgBoardStore(pool, { epoch: 1 });
    const worlds = await Promise.all(Array.from({ length: 8 }, () => boardWorld(store)));
    const other = createPool(db.url, { max: 4 });
    const deadlocks: unknown[] = [];
    /** The pool, with every deadlock Postgres broke recorded (the committer would hide it by retrying). */
    const watched = (p: Pool): Pick<Pool, 'query'> => ({
      query: ((...args: Parameters<Pool['query']>) =>
        (p.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((err: { code?: string }) => {
          if (err.code === '40P01') deadlocks.push(err);
          throw err;
        })) as Pool['query'],
    });
    try {
      const instances = [pool, other].map((p) => new GroupCommitter(watched(p), { inFlight: 1, maxBoards: 64 }));
      for (let round = 0; round < 10; round++) {
        const params = await Promise.all(worlds.map(async (w) => commitParameter(await batchOf(w, `r${round}`), 1)));
        // Each instance sends the first board alone and the other seven as one statement, in opposite orders.
        const replies = await Promise.all(
          instances.flatMap((committer, i) =>
            (i === 0 ? params : [...params].reverse()).map((p) => committer.commit(p)),
          ),
        );
        expect(replies.every((r) => r.status === 'committed' || r.status === 'seq_moved')).toBe(true);
      }
      expect(deadlocks).toEqual([]);
    } finally {
      await other.end();
    }
  });
});
