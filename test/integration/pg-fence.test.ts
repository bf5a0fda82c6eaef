import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import { makePgBoardStore } from '../../src/adapters/pg/board.store';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import type { Decide } from '../../src/application/ports';
import { commands } from '../../src/domain';
import { boardCreated, boardWorld } from '../contract/board-fixtures';
import { fail, newId, ok } from '../contract/fixtures';
import { createTestDatabase, type TestDatabase } from '../harness/database';

describe('tenant fence on a Postgres shard', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('fence');
    pool = createPool(db.url);
    await migrate(pool, 'shard');
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const fenceOf = async (teamId: string) =>
    (await pool.query('SELECT epoch, state FROM tenant_fence WHERE team_id = $1', [teamId])).rows[0];
  const eventCount = async (teamId: string) =>
    (await pool.query<{ n: number }>('SELECT count(*) AS n FROM board_events WHERE team_id = $1', [teamId])).rows[0]?.n;
  const rename =
    (title: string): Decide =>
    (tx) =>
      TE.fromEither(commands.updateBoard(tx.board, { title }));

  it("a team's first write claims its fence as owned at the router's epoch", async () => {
    const w = await boardWorld(makePgBoardStore(pool, { epoch: 3 }));
    expect(await fenceOf(w.teamId)).toEqual({ epoch: 3, state: 'owned' });
  });

  it('a write with a stale epoch is told the tenant moved, and nothing is written', async () => {
    const w = await boardWorld(makePgBoardStore(pool, { epoch: 1 }));
    const stale = makePgBoardStore(pool, { epoch: 2 });
    const err = await fail(stale.mutate(w.ctx(), rename('Nope')));
    expect(err.kind).toBe('tenant_moved');
    expect(await eventCount(w.teamId)).toBe(1);
    expect((await ok(w.store.board(w.teamId, w.boardId))).title).toBe('Roadmap');
  });

  it('a fenced team refuses writes, board creation included, until it is owned again', async () => {
    const store = makePgBoardStore(pool, { epoch: 1 });
    const w = await boardWorld(store);
    await pool.query("UPDATE tenant_fence SET state = 'fenced' WHERE team_id = $1", [w.teamId]);
    expect((await fail(store.mutate(w.ctx(), rename('x')))).kind).toBe('tenant_moved');
    const boardId = newId();
    const ctx = { ...w.ctx(), boardId };
    const created = boardCreated({ id: boardId, teamId: w.teamId, title: 'New', actor: w.actor, at: ctx.at });
    expect((await fail(store.createBoard(ctx, created))).kind).toBe('tenant_moved');
    expect(await eventCount(w.teamId)).toBe(1);
    await pool.query("UPDATE tenant_fence SET state = 'owned' WHERE team_id = $1", [w.teamId]);
    expect((await ok(store.createBoard(ctx, created))).seq).toBe(1);
  });

  it('the epoch is read on every write, so a router can move its view forward', async () => {
    const view = { epoch: 1 };
    const w = await boardWorld(makePgBoardStore(pool, view));
    await pool.query('UPDATE tenant_fence SET epoch = 2 WHERE team_id = $1', [w.teamId]);
    const store = makePgBoardStore(pool, view);
    expect((await fail(store.mutate(w.ctx(), rename('x')))).kind).toBe('tenant_moved');
    view.epoch = 2;
    expect((await ok(store.mutate(w.ctx(), rename('Moved')))).seq).toBe(2);
  });

  it('a board delete meets the fence like any write: a fenced team or a stale epoch keeps the board whole', async () => {
    const store = makePgBoardStore(pool, { epoch: 1 });
    const w = await boardWorld(store);
    await w.addList('To Do');
    expect((await fail(makePgBoardStore(pool, { epoch: 2 }).deleteBoard(w.teamId, w.boardId))).kind).toBe(
      'tenant_moved',
    );
    await pool.query("UPDATE tenant_fence SET state = 'fenced' WHERE team_id = $1", [w.teamId]);
    expect((await fail(store.deleteBoard(w.teamId, w.boardId))).kind).toBe('tenant_moved');
    expect(await eventCount(w.teamId)).toBe(2);
    await pool.query("UPDATE tenant_fence SET state = 'owned' WHERE team_id = $1", [w.teamId]);
    await ok(store.deleteBoard(w.teamId, w.boardId));
    expect(await eventCount(w.teamId)).toBe(0);
  });
});
