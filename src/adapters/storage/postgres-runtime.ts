import type { Pool } from 'pg';
import { isLeft } from 'fp-ts/Either';
import { makePgBoardStore } from '../pg/board.store';
import { makePgTeamSearch } from '../pg/search';
import { shardedTeamSearch } from '../../shard-router/sharded-team-search';
import type { TeamSearch } from '../../application/ports';
import { migrate } from '../pg/migrate';
import { pgCutoverBudget } from '../pg/cutover-budget';
import { createPool, type PoolOptions } from '../pg/pool';
import { makePgPlacementStore } from '../pg/placement.store';
import { PlacementCache } from '../../shard-router/placement-cache';
import { resolvePlacement, type PlacementStore } from '../../shard-router/placement';
import { ShardRouter, shardStoresFrom } from '../../shard-router/sharded-board-store';
import { ShardedBlobStore, blobStoresFrom } from '../../shard-router/sharded-blob-store';
import type { BlobStore } from '../../application/ports';
import { makePgBlobStore } from '../pg/blob.store';
import type { ShardUrl } from '../config/config';
import { registerMoveMetrics } from '../observability/move-metrics';
import { instrumentPool } from '../observability/pool-metrics';

/** The catalog pool, one pool per shard, and the router over them: what `STORAGE=postgres` runs on. */
export interface PostgresRuntime {
  readonly catalog: Pool;
  readonly shards: ReadonlyMap<string, Pool>;
  readonly placements: PlacementStore;
  readonly router: ShardRouter;
  /** Team search on the team's shard, routed by the same placement cache. */
  readonly search: TeamSearch;
  /** Attachments' bytes, on the team's shard (routed by the same placement cache as the boards). */
  readonly blobs: BlobStore;
  /** Ends every pool. */
  readonly close: () => Promise<void>;
}

export interface PostgresRuntimeOptions {
  readonly pool?: PoolOptions;
  /** How long a cached placement is trusted before the catalog is read again. */
  readonly placementTtlMs?: number;
  /** Told about errors on idle connections (a shard restarting); they never crash the process. */
  readonly onPoolError?: (err: Error, database: string) => void;
}

/** Opens pools (lazily connecting) to the catalog and every shard and builds the router. */
export const openPostgres = (
  catalogUrl: string,
  shardUrls: readonly ShardUrl[],
  opts: PostgresRuntimeOptions = {},
): PostgresRuntime => {
  // Every pool is timed and watched for saturation under its name; shard pools also tag the request log.
  const poolFor = (url: string, name: string, isShard: boolean) =>
    instrumentPool(
      createPool(url, {
        ...opts.pool,
        applicationName: `boardroom:${name}`,
        onError: (err) => opts.onPoolError?.(err, name),
      }),
      name,
      isShard,
    );
  const catalog = poolFor(catalogUrl, 'catalog', false);
  const stopMoveMetrics = registerMoveMetrics(catalog);
  const shards = new Map(shardUrls.map((s) => [s.id, poolFor(s.url, s.id, true)] as const));
  const placements = makePgPlacementStore(catalog);
  const cache = new PlacementCache(resolvePlacement(placements), { ttlMs: opts.placementTtlMs });
  // Writes that meet a cutover's fence wait for the flip, up to the move's pause budget (its lease says).
  const router = new ShardRouter(
    placements,
    cache,
    shardStoresFrom(shards, makePgBoardStore),
    {},
    pgCutoverBudget(catalog),
  );
  return {
    catalog,
    shards,
    placements,
    router,
    search: shardedTeamSearch(router.routed, new Map([...shards].map(([id, pool]) => [id, makePgTeamSearch(pool)]))),
    blobs: new ShardedBlobStore(cache, blobStoresFrom(shards, makePgBlobStore)),
    close: async () => {
      stopMoveMetrics();
      await Promise.all([catalog.end(), ...[...shards.values()].map((p) => p.end())]);
    },
  };
};

/**
 * Applies every pending migration to the catalog and each shard, then registers the configured shards
 * and assigns any unassigned slots. Idempotent: safe on every boot and from several instances at once.
 */
export const migrateAndSeed = async (rt: PostgresRuntime): Promise<{ applied: Record<string, string[]> }> => {
  const applied: Record<string, string[]> = { catalog: await migrate(rt.catalog, 'catalog') };
  for (const [id, pool] of rt.shards) applied[id] = await migrate(pool, 'shard');
  const seeded = await rt.placements.seed([...rt.shards.keys()])();
  if (isLeft(seeded)) throw new Error(`placement seeding failed: ${seeded.left.message}`);
  return { applied };
};
