import type { TeamId } from '../../../domain';
import {
  TEAM_TABLES,
  keyColumns,
  keyIn,
  keyText,
  pkList,
  tableName,
  upsertSql,
  type Db,
  type KeyedRow,
  type TableShape,
  type TeamTable,
} from './tables';

/** One keyset page of a team's rows of one table, after `after` (exclusive; null for the first page). */
export const readPage = async (
  db: Db,
  t: TableShape,
  teamId: TeamId,
  after: readonly string[] | null,
  limit: number,
): Promise<KeyedRow[]> => {
  const bound =
    after === null ? '' : `AND (${pkList(t)}) > (${t.pkTypes.map((type, i) => `$${3 + i}::${type}`).join(', ')})`;
  const { rows } = await db.query<{ j: string; k: string[] }>(
    `SELECT row_to_json(t)::text AS j, ${keyText(t)} AS k FROM ${tableName(t)} t
     WHERE t.team_id = $1 ${bound} ORDER BY ${pkList(t)} LIMIT $2`,
    [teamId, limit, ...(after ?? [])],
  );
  return rows.map((r) => ({ json: r.j, key: r.k }));
};

/** The current rows of the given keys (missing ones were deleted). */
export const readKeys = async (
  db: Db,
  t: TableShape,
  teamId: TeamId,
  keys: readonly (readonly string[])[],
): Promise<KeyedRow[]> => {
  if (keys.length === 0) return [];
  const { rows } = await db.query<{ j: string; k: string[] }>(
    `SELECT row_to_json(t)::text AS j, ${keyText(t)} AS k FROM ${tableName(t)} t
     WHERE t.team_id = $1 AND ${keyIn(t, 2)}`,
    [teamId, ...keyColumns(t, keys)],
  );
  return rows.map((r) => ({ json: r.j, key: r.k }));
};

/** Inserts or overwrites rows by key; running it twice changes nothing. */
export const upsertRows = async (db: Db, t: TableShape, rows: readonly KeyedRow[]): Promise<void> => {
  if (rows.length === 0) return;
  await db.query(upsertSql(t), [`[${rows.map((r) => r.json).join(',')}]`]);
};

/** Deletes the team's rows with the given keys. */
export const deleteKeys = async (
  db: Db,
  t: TableShape,
  teamId: TeamId,
  keys: readonly (readonly string[])[],
): Promise<void> => {
  if (keys.length === 0) return;
  await db.query(`DELETE FROM ${tableName(t)} WHERE team_id = $1 AND ${keyIn(t, 2)}`, [teamId, ...keyColumns(t, keys)]);
};

/** The team's row count per table. */
export const countRows = async (db: Db, teamId: TeamId): Promise<Record<string, number>> => {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT ${TEAM_TABLES.map((t) => `(SELECT count(*) FROM ${tableName(t)} WHERE team_id = $1) AS ${tableName(t)}`).join(', ')}`,
    [teamId],
  );
  const row = rows[0] ?? {};
  return Object.fromEntries(TEAM_TABLES.map((t) => [t.name, Number(row[t.name] ?? 0)]));
};

/**
 * Deletes the team's rows of one table in batches (short transactions, so a prune never blocks the
 * shard's other teams for long). Returns how many it deleted.
 */
export const deleteTeamRows = async (
  db: Db,
  t: TeamTable,
  teamId: TeamId,
  batch: number,
  onBatch: (deleted: number) => void = () => undefined,
): Promise<number> => {
  let total = 0;
  for (;;) {
    const r = await db.query(
      `DELETE FROM ${tableName(t)} WHERE ctid IN (SELECT ctid FROM ${tableName(t)} WHERE team_id = $1 LIMIT $2)`,
      [teamId, batch],
    );
    const n = r.rowCount ?? 0;
    total += n;
    if (n > 0) onBatch(n);
    if (n < batch) return total;
  }
};
