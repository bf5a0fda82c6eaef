import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { migrate, migrationFiles, migrationsDir } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { createTestDatabase, type TestDatabase } from '../harness/database';

const CARD_MODEL = '0007_card_model.sql';
const TEAM = '00000000-0000-4000-8000-000000000001';
const BOARD = '00000000-0000-4000-8000-000000000002';
const OTHER_BOARD = '00000000-0000-4000-8000-000000000003';
const USER = '00000000-0000-4000-8000-000000000004';

/** Applies the shard migrations before the card model, as a database of wave 1 holds them. */
const migrateBefore = async (pool: Pool, stop: string): Promise<void> => {
  await pool.query(
    'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const name of migrationFiles('shard').filter((f) => f < stop)) {
    await pool.query(readFileSync(path.join(migrationsDir('shard'), name), 'utf8'));
    await pool.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
  }
};

describe('the card-model shard migration', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('migrate_labels');
    pool = createPool(db.url);
    await migrateBefore(pool, CARD_MODEL);
    for (const board of [BOARD, OTHER_BOARD]) {
      await pool.query(
        `INSERT INTO boards (team_id, id, title, archived, seq, created_at, created_by) VALUES ($1, $2, 'B', false, 1, now(), $3)`,
        [TEAM, board, USER],
      );
    }
    const card = (n: number, board: string, labels: string[]) =>
      pool.query(
        `INSERT INTO cards (team_id, id, board_id, list_id, title, labels, rank, created_at, updated_at, created_by)
         VALUES ($1, $2, $3, $4, 'c', $5, 'a0', now(), now(), $6)`,
        [TEAM, `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`, board, BOARD, labels, USER],
      );
    await card(1, BOARD, ['bug', 'Urgent']);
    await card(2, BOARD, ['Bug', 'docs', 'bug']);
    await card(3, BOARD, []);
    await card(4, OTHER_BOARD, ['docs']);
    await migrate(pool, 'shard');
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const labelsOf = async (board: string) =>
    (
      await pool.query<{ labels: { name: string; color: string; id: string }[] }>(
        'SELECT labels FROM boards WHERE team_id = $1 AND id = $2',
        [TEAM, board],
      )
    ).rows[0]!.labels;

  it('gives each board a label set of the distinct names on its cards, ignoring case, in palette colours', async () => {
    const labels = await labelsOf(BOARD);
    expect(labels.map((l) => [l.name, l.color])).toEqual([
      ['Bug', 'green'],
      ['docs', 'yellow'],
      ['Urgent', 'orange'],
    ]);
    expect(new Set(labels.map((l) => l.id)).size).toBe(3);
    expect((await labelsOf(OTHER_BOARD)).map((l) => l.name)).toEqual(['docs']);
  });

  it('rewrites each card’s labels in the set’s spelling, once each, in the card’s order', async () => {
    const { rows } = await pool.query<{ id: string; labels: string[] }>(
      'SELECT id, labels FROM cards WHERE team_id = $1 ORDER BY id',
      [TEAM],
    );
    expect(rows.map((r) => r.labels)).toEqual([['Bug', 'Urgent'], ['Bug', 'docs'], [], ['docs']]);
  });

  it('gives existing cards no members, checklists or dates', async () => {
    const { rows } = await pool.query(
      'SELECT DISTINCT assignees, checklists, start_at, due_at, due_done FROM cards WHERE team_id = $1',
      [TEAM],
    );
    expect(rows).toEqual([{ assignees: [], checklists: [], start_at: null, due_at: null, due_done: false }]);
  });
});
