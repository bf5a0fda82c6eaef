import type { Pool } from 'pg';
import type { ControlMessage } from '../../../application/ports';
import type { MoveEnv, MoveShard, Transfer } from '../../../shard-router/move';
import type { PlacementStore, ShardId } from '../../../shard-router/placement';
import { classifyPgError } from '../pool';
import { backlog, catchUpOnce, startCapture, stopCapture } from './capture';
import { countRows, deleteTeamRows, readPage, upsertRows } from './copy';
import { fenceOf, holdAndFence, markMoved, refuseTeam, setFence, unfenceSource } from './fence';
import { pgMoveLeases } from './lease';
import { loadShapes, TEAM_TABLES, type TableShape } from './tables';
import { verifyTeam } from './verify';

/** One shard's pool as the phases of a move use it. */
export const pgMoveShard = (db: Pool): MoveShard => ({
  countRows: (teamId) => countRows(db, teamId),
  setFence: (teamId, epoch, state) => setFence(db, teamId, epoch, state),
  unfence: (teamId, epoch) => unfenceSource(db, teamId, epoch),
  refuse: (teamId) => refuseTeam(db, teamId),
  markMoved: (teamId, epoch) => markMoved(db, teamId, epoch),
  fenceOf: (teamId) => fenceOf(db, teamId),
  deleteTeam: async (teamId, batch, onBatch) => {
    let deleted = 0;
    for (const t of TEAM_TABLES) deleted += await deleteTeamRows(db, t, teamId, batch, onBatch);
    return deleted;
  },
  startCapture: (teamId, epoch, lockTimeoutMs) => startCapture(db, teamId, epoch, lockTimeoutMs),
  stopCapture: (teamId) => stopCapture(db, teamId),
  backlog: (teamId) => backlog(db, teamId),
});

const shapeOf = (shapes: readonly TableShape[], name: string): TableShape => {
  const shape = shapes.find((s) => s.name === name);
  if (shape === undefined) throw new Error(`Shard table ${name} is not one a move copies`);
  return shape;
};

/** Copying a team between two shards' pools, with the source's table layout. */
export const pgTransfer = (source: Pool, target: Pool, shapes: readonly TableShape[]): Transfer => ({
  tables: shapes,
  copyPage: async (table, teamId, after, limit) => {
    const t = shapeOf(shapes, table.name);
    const page = await readPage(source, t, teamId, after, limit);
    await upsertRows(target, t, page);
    return { copied: page.length, last: page[page.length - 1]?.key ?? null };
  },
  catchUpOnce: (teamId, limit) => catchUpOnce(source, target, shapes, teamId, limit),
  verify: (teamId, onTable) => verifyTeam(source, target, shapes, teamId, onTable),
  hold: (teamId, epoch, budget) => holdAndFence({ source, target, shapes }, teamId, epoch, budget),
});

/** Opens a transfer between two of the configured shards (reading the source's table layout). */
export const openPgTransfer =
  (shards: ReadonlyMap<ShardId, Pool>) =>
  async (from: ShardId, to: ShardId): Promise<Transfer> => {
    const source = shards.get(from);
    const target = shards.get(to);
    if (!source || !target) throw new Error(`shard ${source ? to : from} is not configured here (SHARD_URLS)`);
    return pgTransfer(source, target, await loadShapes(source));
  };

/** A pg failure as an AppError (a lost database is `unavailable`); undefined for anything else. */
const classify = (err: unknown) => {
  try {
    return classifyPgError(err);
  } catch {
    return undefined;
  }
};

/** The Postgres databases a move works on: the catalog and the configured shards' pools. */
export interface PgMoveDatabases {
  readonly catalog: Pool;
  readonly shards: ReadonlyMap<ShardId, Pool>;
  readonly placements: PlacementStore;
}

/** Everything a tenant move needs, over Postgres, with `publish` for the control channel. */
export const pgMoveEnv = (db: PgMoveDatabases, publish: (message: ControlMessage) => Promise<void>): MoveEnv => ({
  leases: pgMoveLeases(db.catalog),
  shards: new Map([...db.shards].map(([id, pool]) => [id, pgMoveShard(pool)] as const)),
  transfer: openPgTransfer(db.shards),
  placements: db.placements,
  publish,
  classify,
});
