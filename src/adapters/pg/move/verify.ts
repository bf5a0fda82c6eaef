import type { Pool } from 'pg';
import type { TeamId } from '../../../domain';
import type { TableVerdict, VerifyReport } from '../../../shard-router/move';
import { transaction } from '../sql';
import { pendingKeys } from './capture';
import { keyString, pkList, tableName, type Db, type TableShape } from './tables';

/** Rows per hashed chunk, in key order. */
export const CHUNK_ROWS = 1000;

interface Chunk {
  readonly n: number;
  readonly hash: string;
}

/**
 * Counts and md5 hashes of the team's rows of one table, `CHUNK_ROWS` rows per chunk in key order,
 * leaving out `excluded` keys. Rows are hashed as JSON in UTC, so equal rows hash equally on any server.
 */
const chunkHashes = async (db: Db, t: TableShape, teamId: TeamId, excluded: readonly string[]): Promise<Chunk[]> => {
  await db.query("SET LOCAL TimeZone = 'UTC'");
  const { rows } = await db.query<{ n: number; hash: string }>(
    `SELECT count(*)::int AS n, md5(string_agg(h, '' ORDER BY rn)) AS hash FROM (
       SELECT row_number() OVER (ORDER BY ${pkList(t)}) AS rn, md5(row_to_json(t)::text) AS h
       FROM ${tableName(t)} t WHERE t.team_id = $1 AND NOT (${keyString(t)} = ANY($2::text[]))
     ) x GROUP BY (rn - 1) / ${CHUNK_ROWS} ORDER BY (rn - 1) / ${CHUNK_ROWS}`,
    [teamId, excluded],
  );
  return rows;
};

const compareTable = (t: TableShape, a: readonly Chunk[], b: readonly Chunk[]): TableVerdict => {
  const chunks = Math.max(a.length, b.length);
  const differingChunks: number[] = [];
  for (let i = 0; i < chunks; i++) {
    if (a[i]?.n !== b[i]?.n || a[i]?.hash !== b[i]?.hash) differingChunks.push(i);
  }
  const sum = (cs: readonly Chunk[]) => cs.reduce((n, c) => n + c.n, 0);
  return { table: t.name, sourceRows: sum(a), targetRows: sum(b), chunks, differingChunks };
};

/**
 * Compares the team's rows on two shards table by table. The source is read in one REPEATABLE READ
 * snapshot together with its change log: keys changed but not yet applied to the target are left out
 * on both sides, so a move can verify while the team keeps writing. Everything else must be identical.
 */
export const verifyTeam = async (
  source: Pool,
  target: Pool,
  shapes: readonly TableShape[],
  teamId: TeamId,
  onTable: (table: string) => void = () => undefined,
): Promise<VerifyReport> => {
  const c = await source.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const pending = await pendingKeys(c, teamId);
    const tables: TableVerdict[] = [];
    for (const t of shapes) {
      const excluded = [...(pending.get(t.name) ?? [])];
      const [a, b] = await Promise.all([
        chunkHashes(c, t, teamId, excluded),
        transaction(target, (tc) => chunkHashes(tc, t, teamId, excluded)),
      ]);
      tables.push(compareTable(t, a, b));
      onTable(t.name);
    }
    await c.query('COMMIT');
    const excludedKeys = [...pending.values()].reduce((n, s) => n + s.size, 0);
    return { ok: tables.every((t) => t.differingChunks.length === 0), tables, excludedKeys };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
};
