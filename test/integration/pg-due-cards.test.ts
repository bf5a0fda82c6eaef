import type { Pool } from 'pg';
import { makePgDueCards, makePgSchedulerRuns } from '../../src/adapters/pg/due-cards';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { newId, ok } from '../contract/fixtures';
import { createTestDatabase, type TestDatabase } from '../harness/database';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const HOUR = 3_600_000;

describe('due cards and job runs on Postgres', () => {
  let dbs: TestDatabase[];
  let pools: Pool[];

  beforeAll(async () => {
    dbs = await Promise.all(['due_shard_a', 'due_shard_b', 'due_catalog'].map(createTestDatabase));
    pools = dbs.map((d) => createPool(d.url));
    await Promise.all([migrate(pools[0]!, 'shard'), migrate(pools[1]!, 'shard'), migrate(pools[2]!, 'catalog')]);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await Promise.all(dbs.map((d) => d.drop()));
  });

  /** A board with one list on `pool`; answers a function adding cards to it. */
  const board = async (pool: Pool, opts: { archived?: boolean; fence?: string } = {}) => {
    const [team, id, list, by] = [newId(), newId(), newId(), newId()];
    await pool.query(
      'INSERT INTO boards (team_id, id, title, archived, seq, created_at, created_by) VALUES ($1, $2, $3, $4, 0, $5, $6)',
      [team, id, 'Roadmap', opts.archived ?? false, NOW, by],
    );
    await pool.query(
      "INSERT INTO lists (team_id, id, board_id, title, rank, created_at) VALUES ($1, $2, $3, 'To do', 'a0', $4)",
      [team, list, id, NOW],
    );
    if (opts.fence) {
      await pool.query('INSERT INTO tenant_fence (team_id, epoch, state) VALUES ($1, 1, $2)', [team, opts.fence]);
    }
    return async (title: string, dueInMs: number, extra: { done?: boolean; assignees?: string[] } = {}) => {
      const card = newId();
      await pool.query(
        `INSERT INTO cards (team_id, id, board_id, list_id, title, rank, created_at, updated_at, created_by, assignees, due_at, due_done)
         VALUES ($1, $2, $3, $4, $5, 'a0', $6, $6, $7, $8, $9, $10)`,
        [
          team,
          card,
          id,
          list,
          title,
          NOW,
          by,
          extra.assignees ?? [by],
          new Date(NOW.getTime() + dueInMs),
          extra.done ?? false,
        ],
      );
      return card;
    };
  };

  it('finds open assigned cards due in the window on every shard, and skips done, unassigned, archived and moved-away ones', async () => {
    const onA = await board(pools[0]!);
    const onB = await board(pools[1]!);
    const archived = await board(pools[1]!, { archived: true });
    const movedAway = await board(pools[0]!, { fence: 'moved' });
    const soon = await onA('Soon', HOUR);
    const late = await onB('Late', -HOUR);
    await onA('Far', 3 * 24 * HOUR);
    await onA('Done', HOUR, { done: true });
    await onB('Nobody', HOUR, { assignees: [] });
    await archived('Archived board', HOUR);
    await movedAway('Moved', HOUR);
    const due = await ok(
      makePgDueCards(
        new Map([
          ['a', pools[0]!],
          ['b', pools[1]!],
        ]),
      ).dueBetween(new Date(NOW.getTime() - 24 * HOUR), new Date(NOW.getTime() + 24 * HOUR)),
    );
    expect(due.map((c) => c.cardId).sort()).toEqual([soon, late].sort());
    expect(due.find((c) => c.cardId === soon)).toMatchObject({
      title: 'Soon',
      boardTitle: 'Roadmap',
      dueAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });
  });

  it('a job is claimed by one caller per gap, however many ask at once', async () => {
    const runs = makePgSchedulerRuns(pools[2]!);
    const claims = await Promise.all(Array.from({ length: 6 }, () => ok(runs.claim('due-cards', NOW, 54_000))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await ok(runs.claim('due-cards', new Date(NOW.getTime() + 30_000), 54_000))).toBe(false);
    expect(await ok(runs.claim('due-cards', new Date(NOW.getTime() + 60_000), 54_000))).toBe(true);
  });
});
