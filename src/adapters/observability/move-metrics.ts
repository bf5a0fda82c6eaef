import type { Pool } from 'pg';
import { gauge } from './prom';

/**
 * Tenant moves run in the operator's CLI, which nothing scrapes; they record their phase and copy
 * progress in the catalog's `tenant_moves` table, and every server instance reads it at scrape time, so
 * `/metrics` (and the dashboard) show a move wherever it runs.
 */
const catalogs = new Set<Pool>();

interface RunningMove {
  readonly team: string;
  readonly target: string;
  readonly phase: string;
  readonly done: number | null;
  readonly total: number | null;
}

const RUNNING_SQL = `SELECT team_id::text AS team, to_shard AS target, phase,
  (detail#>>'{progress:copy,done}')::float8 AS done, (detail#>>'{progress:copy,total}')::float8 AS total
  FROM tenant_moves WHERE state = 'running'`;

// A catalog that is down, or not migrated yet, shows no moves rather than failing the scrape. Several
// runtimes in one process may share a catalog, so moves are counted once per team.
const runningMoves = async (): Promise<RunningMove[]> => {
  const rows = await Promise.all(
    [...catalogs].map((c) =>
      c.query<RunningMove>(RUNNING_SQL).then(
        (r) => r.rows,
        () => [],
      ),
    ),
  );
  return [...new Map(rows.flat().map((m) => [m.team, m])).values()];
};

/** Starts reporting the moves recorded in `catalog`; returns the function that stops it (pool closing). */
export const registerMoveMetrics = (catalog: Pool): (() => void) => {
  catalogs.add(catalog);
  gauge('tenant_moves_in_progress', 'Tenant moves running now (from the catalog)', [], async function () {
    this.set((await runningMoves()).length);
  });
  gauge(
    'tenant_move_progress_ratio',
    'Share of a moving team copied to its target shard (0..1), by team and target',
    ['team', 'target'],
    async function () {
      this.reset();
      for (const m of await runningMoves()) {
        const ratio = m.total ? Math.min(1, (m.done ?? 0) / m.total) : 0;
        this.set({ team: m.team, target: m.target }, ratio);
      }
    },
  );
  gauge(
    'tenant_move_phase',
    'Phase of each running tenant move (1 for its phase)',
    ['team', 'phase'],
    async function () {
      this.reset();
      for (const m of await runningMoves()) this.set({ team: m.team, phase: m.phase }, 1);
    },
  );
  return () => catalogs.delete(catalog);
};
