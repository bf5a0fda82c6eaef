import type { Pool } from 'pg';
import { migrate, migrationFiles } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { createTestDatabase, type TestDatabase } from '../harness/database';

describe('schema migrations', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('migrate');
    pool = createPool(db.url);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies every shard migration once, even when two instances migrate at the same time', async () => {
    const [first, second] = await Promise.all([migrate(pool, 'shard'), migrate(pool, 'shard')]);
    expect([...first, ...second].sort()).toEqual(migrationFiles('shard'));
    const recorded = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(migrationFiles('shard'));
  });

  it('does nothing when run again', async () => {
    await expect(migrate(pool, 'shard')).resolves.toEqual([]);
  });

  it('gives every shard table a primary key that starts with team_id', async () => {
    const keys = await pool.query<{ table_name: string; first_column: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, a.attname AS first_column
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace
         AND c.conrelid::regclass::text <> 'schema_migrations'`,
    );
    expect(keys.rows.length).toBeGreaterThanOrEqual(7);
    expect(keys.rows.filter((k) => k.first_column !== 'team_id')).toEqual([]);
  });

  it('migrates a catalog database too', async () => {
    const catalog = await createTestDatabase('migrate_catalog');
    const catalogPool = createPool(catalog.url);
    try {
      await expect(migrate(catalogPool, 'catalog')).resolves.toEqual(migrationFiles('catalog'));
      const tables = await catalogPool.query<{ t: string | null }>(
        "SELECT to_regclass('public.memberships')::text AS t",
      );
      expect(tables.rows[0]?.t).toBe('memberships');
    } finally {
      await catalogPool.end();
      await catalog.drop();
    }
  });
});
