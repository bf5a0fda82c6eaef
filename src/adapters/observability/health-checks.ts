import type { Redis } from 'ioredis';
import type { ReadinessCheck } from '../http/readiness';

/** A database connection pool, as far as a health check needs one. */
interface Pingable {
  readonly query: (sql: string) => Promise<unknown>;
}

const ping = (pool: Pingable) => async () => {
  await pool.query('SELECT 1');
};

/** The catalog and every shard, each answering `SELECT 1`; a stopped shard is named `shard:<id>`. */
export const postgresChecks = (rt: {
  readonly catalog: Pingable;
  readonly shards: ReadonlyMap<string, Pingable>;
}): ReadinessCheck[] => [
  { name: 'catalog', probe: ping(rt.catalog) },
  ...[...rt.shards].map(([id, pool]) => ({ name: `shard:${id}`, probe: ping(pool) })),
];

/** Redis answering PING (the event bus, refresh tokens and the cache live there). */
export const redisCheck = (redis: Pick<Redis, 'ping'>): ReadinessCheck => ({
  name: 'redis',
  probe: async () => {
    const answer = await redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
  },
});
