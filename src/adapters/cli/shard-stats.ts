import type { Pool } from 'pg';

/** What `boardroom shards` shows for one shard. */
export interface ShardStats {
  readonly id: string;
  readonly healthy: boolean;
  readonly latencyMs: number | null;
  readonly error: string | null;
  readonly slots: number;
  readonly teams: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly sizeBytes: number;
}

export const SHARD_TABLES = ['boards', 'lists', 'cards', 'comments', 'board_events'] as const;

const COUNTS_SQL = `SELECT
  (SELECT count(*) FROM tenant_fence WHERE state = 'owned') AS teams,
  ${SHARD_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(',\n  ')},
  pg_database_size(current_database()) AS size`;

/** Health, owned-team count, row counts and on-disk size of one shard; never throws for a dead shard. */
export const shardStats = async (id: string, pool: Pool, slots: number): Promise<ShardStats> => {
  const started = performance.now();
  try {
    const { rows } = await pool.query<Record<string, number>>(COUNTS_SQL);
    const r = rows[0] ?? {};
    return {
      id,
      healthy: true,
      latencyMs: Math.round(performance.now() - started),
      error: null,
      slots,
      teams: Number(r.teams ?? 0),
      rows: Object.fromEntries(SHARD_TABLES.map((t) => [t, Number(r[t] ?? 0)])),
      sizeBytes: Number(r.size ?? 0),
    };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { id, healthy: false, latencyMs: null, error, slots, teams: 0, rows: {}, sizeBytes: 0 };
  }
};
