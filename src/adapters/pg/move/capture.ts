import type { Pool, PoolClient } from 'pg';
import type { TeamId } from '../../../domain';
import { FenceMismatch, pageRows } from '../../../shard-router/move';
import { transaction } from '../sql';
import { EXCLUSIVE_TENANT_LOCK_SQL } from '../tenant-lock';
import { deleteKeys, readKeys, upsertRows } from './copy';
import { joinKey, type Db, type TableShape } from './tables';

/**
 * Takes the team's write lock exclusive (src/adapters/pg/tenant-lock.ts: it waits for the team's writes
 * in flight and queues new ones until commit, leaving other teams alone), locks the fence row and checks
 * the team is owned here at `epoch`. The team's first write creates the fence; a team that never wrote
 * here gets one now.
 */
export const lockOwnedFence = async (c: PoolClient, teamId: TeamId, epoch: number): Promise<void> => {
  await c.query(EXCLUSIVE_TENANT_LOCK_SQL, [teamId]);
  await c.query(
    "INSERT INTO tenant_fence (team_id, epoch, state) VALUES ($1, $2, 'owned') ON CONFLICT (team_id) DO NOTHING",
    [teamId, epoch],
  );
  const { rows } = await c.query<{ epoch: number; state: string }>(
    'SELECT epoch::int AS epoch, state FROM tenant_fence WHERE team_id = $1 FOR UPDATE',
    [teamId],
  );
  const fence = rows[0];
  if (fence?.state !== 'owned' || fence.epoch !== epoch) {
    throw new FenceMismatch(
      `team ${teamId} is not owned by the source at epoch ${epoch} (fence: ${fence?.state} at ${fence?.epoch})`,
    );
  }
};

/**
 * Starts recording the team's changes. Taking the fence lock first means every write transaction that
 * began before capture is finished, and every later one sees the capture row, so no change slips past.
 */
export const startCapture = (source: Pool, teamId: TeamId, epoch: number, lockTimeoutMs: number): Promise<void> =>
  transaction(source, async (c) => {
    await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
    await lockOwnedFence(c, teamId, epoch);
    // Leftovers of an earlier move that died are meaningless for this copy.
    await c.query('DELETE FROM tenant_changes WHERE team_id = $1', [teamId]);
    await c.query('INSERT INTO tenant_capture (team_id) VALUES ($1) ON CONFLICT (team_id) DO NOTHING', [teamId]);
  });

/** Stops recording the team's changes and forgets the ones recorded. */
export const stopCapture = async (source: Db, teamId: TeamId): Promise<void> => {
  await source.query('DELETE FROM tenant_capture WHERE team_id = $1', [teamId]);
  await source.query('DELETE FROM tenant_changes WHERE team_id = $1', [teamId]);
};

/** How many recorded changes wait to be applied. */
export const backlog = async (source: Db, teamId: TeamId): Promise<number> => {
  const { rows } = await source.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM tenant_changes WHERE team_id = $1',
    [teamId],
  );
  return rows[0]?.n ?? 0;
};

/** The recorded keys per table, as key strings (see `joinKey`). */
export const pendingKeys = async (source: Db, teamId: TeamId): Promise<Map<string, Set<string>>> => {
  const { rows } = await source.query<{ tbl: string; pk: string[] }>(
    'SELECT tbl, pk FROM tenant_changes WHERE team_id = $1',
    [teamId],
  );
  const keys = new Map<string, Set<string>>();
  for (const r of rows) keys.set(r.tbl, (keys.get(r.tbl) ?? new Set()).add(joinKey(r.pk)));
  return keys;
};

const distinctKeys = (rows: readonly { tbl: string; pk: string[] }[]): Map<string, string[][]> => {
  const seen = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    const table = seen.get(r.tbl) ?? new Map<string, string[]>();
    table.set(joinKey(r.pk), r.pk);
    seen.set(r.tbl, table);
  }
  return new Map([...seen].map(([tbl, keys]) => [tbl, [...keys.values()]]));
};

/**
 * Takes up to `limit` recorded changes off the log (in `src`'s open transaction, so they come back if
 * anything fails before it commits) and makes the target match the source for their keys: the current
 * row is upserted, a missing one deleted. Re-reading the current row makes the order of changes irrelevant.
 */
export const applyChanges = async (
  src: PoolClient,
  target: Pool,
  shapes: readonly TableShape[],
  teamId: TeamId,
  limit: number,
): Promise<number> => {
  const { rows } = await src.query<{ tbl: string; pk: string[] }>(
    `DELETE FROM tenant_changes WHERE team_id = $1 AND id IN (
       SELECT id FROM tenant_changes WHERE team_id = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
     ) RETURNING tbl, pk`,
    [teamId, limit],
  );
  if (rows.length === 0) return 0;
  const byTable = distinctKeys(rows);
  await transaction(target, async (c) => {
    for (const t of shapes) {
      // Wide rows (file chunks) go a few at a time, so the mover never holds many of them at once.
      const keys = byTable.get(t.name) ?? [];
      const step = pageRows(t, keys.length);
      for (let at = 0; at < keys.length; at += step) {
        const part = keys.slice(at, at + step);
        const found = await readKeys(src, t, teamId, part);
        const present = new Set(found.map((r) => joinKey(r.key)));
        await upsertRows(c, t, found);
        await deleteKeys(
          c,
          t,
          teamId,
          part.filter((k) => !present.has(joinKey(k))),
        );
      }
    }
  });
  return rows.length;
};

/** One catch-up step in its own source transaction; returns how many changes it applied. */
export const catchUpOnce = async (
  source: Pool,
  target: Pool,
  shapes: readonly TableShape[],
  teamId: TeamId,
  limit: number,
): Promise<number> => transaction(source, (c) => applyChanges(c, target, shapes, teamId, limit));
