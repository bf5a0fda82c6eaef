import type { Pool } from 'pg';
import { createPool } from '../../src/adapters/pg/pool';
import { migrate } from '../../src/adapters/pg/migrate';
import { asUuid } from '../../src/domain';
import { makePgPlacementStore } from '../../src/adapters/pg/placement.store';
import { resolvePlacement } from '../../src/shard-router/placement';
import { createTestDatabase, type TestDatabase } from '../harness/database';
import { reservePort } from '../harness/ports';
import { failure, placementStoreContract, run } from '../unit/shard-router/placement-store.contract';

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('placement_catalog');
  pool = createPool(db.url);
  await migrate(pool, 'catalog');
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const emptied = async () => {
  await pool.query('TRUNCATE team_placement, slot_map, shards');
  return makePgPlacementStore(pool);
};

placementStoreContract('postgres', emptied);

describe('pg placement store', () => {
  it('seeds the same slot map from two instances booting at once', async () => {
    const [a, b] = [await emptied(), makePgPlacementStore(pool)];
    const results = await Promise.all([run(a.seed(['shard-0', 'shard-1'])), run(b.seed(['shard-0', 'shard-1']))]);
    expect(results.reduce((n, r) => n + r.slotsAssigned, 0)).toBe(1024);
    const { rows } = await pool.query('SELECT shard_id, count(*)::int AS n FROM slot_map GROUP BY shard_id ORDER BY 1');
    expect(rows).toEqual([
      { shard_id: 'shard-0', n: 512 },
      { shard_id: 'shard-1', n: 512 },
    ]);
  });

  it('answers unavailable, not a crash, when the catalog server cannot be reached', async () => {
    // A reserved port nothing listens on (test/harness/ports.ts).
    const unused = await reservePort();
    const nowhere = createPool(`postgres://postgres:x@127.0.0.1:${unused.port}/catalog`, {
      connectionTimeoutMillis: 500,
    });
    try {
      const error = await failure(
        resolvePlacement(makePgPlacementStore(nowhere))(asUuid('550e8400-e29b-41d4-a716-446655440000')),
      );
      expect(error.kind).toBe('unavailable');
    } finally {
      await nowhere.end();
      unused.release();
    }
  });
});
