import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';

/** Which schema a database carries: the unsharded catalog or one team-data shard. */
export type MigrationKind = 'catalog' | 'shard';

/** Arbitrary but fixed: every instance migrating the same database serializes on this advisory lock. */
const MIGRATION_LOCK_KEY = 7_420_001;

/**
 * The repository root, found by walking up from this file; it sits at different depths under tsx/jest
 * (src/adapters/pg) and compiled (dist/src/adapters/pg).
 */
const repoRoot = (): string => {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'migrations')) && existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No migrations directory above ${__dirname}`);
    dir = parent;
  }
};

/** The folder holding the SQL files for one kind of database. */
export const migrationsDir = (kind: MigrationKind): string => path.join(repoRoot(), 'migrations', kind);

/** The migration file names for one kind, in the order they apply. */
export const migrationFiles = (kind: MigrationKind): string[] =>
  readdirSync(migrationsDir(kind))
    .filter((f) => f.endsWith('.sql'))
    .sort();

/**
 * Applies every migration of `kind` not yet recorded in `schema_migrations`, each in its own
 * transaction under an advisory lock, so concurrent instances are safe and re-running is a no-op.
 * Returns the names it applied.
 */
export const migrate = async (pool: Pool, kind: MigrationKind): Promise<string[]> => {
  const applied: string[] = [];
  for (const name of migrationFiles(kind)) {
    const sql = readFileSync(path.join(migrationsDir(kind), name), 'utf8');
    if (await applyOne(pool, name, sql)) applied.push(name);
  }
  return applied;
};

const applyOne = async (pool: Pool, name: string, sql: string): Promise<boolean> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    // Created under the lock: two instances racing on CREATE TABLE IF NOT EXISTS can still collide.
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await client.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
    if (done.rowCount === 0) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
    await client.query('COMMIT');
    return done.rowCount === 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`Migration ${name} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    client.release();
  }
};
