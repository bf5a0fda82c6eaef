import type { Pool, PoolClient } from 'pg';
import type { MoveTable } from '../../../shard-router/move';

/** Anything that runs a query: a pool or a client inside a transaction. */
export type Db = Pool | PoolClient;

/**
 * A shard table holding team rows; its primary key is (team_id, ...pk). `maxRows` is set for tables
 * with wide rows: a page of 256 KiB file chunks travels as hex JSON, so 2,000 of them would be a
 * gigabyte in the mover's memory.
 */
export interface TeamTable extends MoveTable {
  /** The primary key columns after team_id, as named in the change-capture trigger. */
  readonly pk: readonly string[];
}

/** Every table a move copies, parents first so a reader of the target sees few orphans mid-copy. */
export const TEAM_TABLES: readonly TeamTable[] = [
  { name: 'boards', pk: ['id'] },
  { name: 'lists', pk: ['id'] },
  { name: 'cards', pk: ['id'] },
  { name: 'comments', pk: ['id'] },
  { name: 'board_events', pk: ['board_id', 'seq'] },
  { name: 'applied_mutations', pk: ['client_id', 'mid'] },
  { name: 'blobs', pk: ['id'] },
  { name: 'blob_chunks', pk: ['blob_id', 'n'], maxRows: 8 },
];

/** A table with its columns and key types as the database reports them. */
export interface TableShape extends TeamTable {
  readonly columns: readonly string[];
  /** SQL types of the pk columns, e.g. `uuid`, `bigint`. */
  readonly pkTypes: readonly string[];
}

/** A row as JSON text and its key after team_id as text (what the change log stores). */
export interface KeyedRow {
  readonly json: string;
  readonly key: readonly string[];
}

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/**
 * Reads the column list and key types of every team table (identical on every migrated shard).
 * Generated columns (e.g. the search vectors) are left out: Postgres refuses values for them and
 * recomputes them on the target from the copied columns.
 */
export const loadShapes = async (db: Db): Promise<TableShape[]> => {
  const shapes: TableShape[] = [];
  for (const table of TEAM_TABLES) {
    const { rows } = await db.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       ORDER BY a.attnum`,
      [table.name],
    );
    const typeOf = new Map(rows.map((r) => [r.name, r.type]));
    const pkTypes = table.pk.map((c) => {
      const type = typeOf.get(c);
      if (type === undefined) throw new Error(`Shard table ${table.name} has no column ${c}`);
      return type;
    });
    shapes.push({ ...table, columns: rows.map((r) => r.name), pkTypes });
  }
  return shapes;
};

/** The key columns after team_id, quoted and comma-separated. */
export const pkList = (t: TableShape): string => t.pk.map(q).join(', ');

/** `ARRAY[c1::text, ...]`: the key as the change log stores it. */
export const keyText = (t: TableShape, alias = 't'): string =>
  `ARRAY[${t.pk.map((c) => `${alias}.${q(c)}::text`).join(', ')}]`;

/** One string per key, for comparisons in SQL (`concat_ws` with a unit separator). */
export const keyString = (t: TableShape, alias = 't'): string =>
  `concat_ws(E'\\x1f', ${t.pk.map((c) => `${alias}.${q(c)}::text`).join(', ')})`;

/** The same key string computed in JS from a key array. */
export const joinKey = (key: readonly string[]): string => key.join('\u001f');

/** `(c1, c2) IN (SELECT * FROM unnest($n::t1[], $n+1::t2[]))`, matching keys passed column by column. */
export const keyIn = (t: TableShape, firstParam: number): string =>
  `(${pkList(t)}) IN (SELECT * FROM unnest(${t.pkTypes.map((type, i) => `$${firstParam + i}::${type}[]`).join(', ')}))`;

/** Keys turned column-wise, the parameter shape `keyIn` expects. */
export const keyColumns = (t: TableShape, keys: readonly (readonly string[])[]): string[][] =>
  t.pk.map((_, i) => keys.map((k) => k[i] as string));

/** The quoted table name. */
export const tableName = (t: TeamTable): string => q(t.name);

/** `INSERT ... SELECT FROM json_populate_recordset ... ON CONFLICT DO UPDATE`: idempotent upsert of JSON rows. */
export const upsertSql = (t: TableShape): string => {
  const cols = t.columns.map(q);
  const keyCols = new Set(['team_id', ...t.pk]);
  const updates = t.columns.filter((c) => !keyCols.has(c)).map((c) => `${q(c)} = EXCLUDED.${q(c)}`);
  const onConflict = updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`;
  return `INSERT INTO ${q(t.name)} (${cols.join(', ')})
    SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${q(t.name)}, $1::json)
    ON CONFLICT (team_id, ${pkList(t)}) ${onConflict}`;
};
