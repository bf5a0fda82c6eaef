import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import { makePgBoardStore } from '../../src/adapters/pg/board.store';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import type { BoardStore, Decide } from '../../src/application/ports';
import { commands } from '../../src/domain';
import { boardWorld, type BoardWorld } from '../contract/board-fixtures';
import { fail, ok } from '../contract/fixtures';
import { startPostgres, type PgServer } from '../harness/postgres';

describe('a shard that is down or slow', () => {
  let server: PgServer;
  let pool: Pool;
  let store: BoardStore;
  let w: BoardWorld;
  const poolErrors: Error[] = [];

  const rename =
    (title: string): Decide =>
    (tx) =>
      TE.fromEither(commands.updateBoard(tx.board, { title }));

  beforeAll(async () => {
    server = await startPostgres({ name: 'shard-down' });
    const url = await server.createDatabase('shard');
    pool = createPool(url, {
      connectionTimeoutMillis: 1000,
      statementTimeoutMillis: 500,
      onError: (e) => poolErrors.push(e),
    });
    await migrate(pool, 'shard');
    store = makePgBoardStore(pool, { epoch: 1 });
    w = await boardWorld(store);
  });

  afterAll(async () => {
    await pool.end();
    await server.destroy();
  });

  it('answers unavailable within two seconds when its server is stopped, and recovers when it is back', async () => {
    await server.stop();
    const started = Date.now();
    expect(await fail(store.mutate(w.ctx(), rename('While down')))).toMatchObject({
      kind: 'unavailable',
      retryAfterSeconds: 2,
    });
    expect((await fail(store.snapshot(w.teamId, w.boardId))).kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(2000);

    await server.start();
    const record = await ok(store.mutate(w.ctx(), rename('Back up')));
    expect(record.seq).toBe(2);
    expect((await ok(store.board(w.teamId, w.boardId))).title).toBe('Back up');
  });

  it('answers unavailable instead of hanging when a statement outlives the timeout', async () => {
    const blocker = await pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM boards WHERE team_id = $1 AND id = $2 FOR UPDATE', [w.teamId, w.boardId]);
      const started = Date.now();
      expect((await fail(store.mutate(w.ctx(), rename('Blocked')))).kind).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    expect((await ok(store.mutate(w.ctx(), rename('Unblocked')))).seq).toBe(3);
  });
});
