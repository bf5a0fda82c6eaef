import pino from 'pino';
import type { Pool } from 'pg';
import { RedisControlBus } from '../../../src/adapters/redis/control-bus';
import { openPostgres, type PostgresRuntime } from '../../../src/adapters/storage/postgres-runtime';
import type { TeamId } from '../../../src/domain';
import { pgMoveEnv } from '../../../src/adapters/pg/move';
import type { MoveEnv } from '../../../src/shard-router/move';
import type { TestCluster } from '../../harness/cluster';
import { startRedis, type RedisServer } from '../../harness/redis';
import { seededCluster } from '../support';
import { startInstance, type Instance } from './instance';

export { must, seededCluster, seedTeam } from '../support';

/** What the operator's `boardroom move-team` works with: its own pools and control-channel publisher. */
export interface Operator {
  readonly env: MoveEnv;
  readonly rt: PostgresRuntime;
  readonly close: () => Promise<void>;
}

export const operator = (cluster: TestCluster, redisUrl: string | null): Operator => {
  const rt = openPostgres(
    cluster.catalogUrl,
    cluster.shards.map((s) => ({ id: s.id, url: s.url })),
  );
  const control = redisUrl ? new RedisControlBus({ url: redisUrl, logger: pino({ level: 'silent' }) }) : null;
  return {
    rt,
    env: pgMoveEnv(rt, (m) => (control ? control.publish(m)() : Promise.resolve())),
    close: async () => {
      await control?.close();
      await rt.close();
    },
  };
};

/** The team's row count per shard table on one shard. */
export const teamRows = async (pool: Pool, teamId: string): Promise<Record<string, number>> => {
  const tables = ['boards', 'lists', 'cards', 'comments', 'board_events', 'applied_mutations'];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE team_id = $1`, [
      teamId,
    ]);
    counts[t] = rows[0]?.n ?? 0;
  }
  return counts;
};

export const otherShard = (from: string): string => (from === 'shard-0' ? 'shard-1' : 'shard-0');
export type { TeamId };

/** A move test's world: the shards, Redis, one app instance (`a`) and the operator's own connections. */
export interface MoveWorld {
  cluster: TestCluster;
  redis: RedisServer;
  app: Instance;
  op: Operator;
}

/**
 * Starts the world before the file's tests (on a cluster `start` makes, seeded by default) and stops it
 * after them; its members are there once `beforeAll` has run.
 */
export const moveWorld = (start: () => Promise<TestCluster> = () => seededCluster()): MoveWorld => {
  const w = {} as MoveWorld;
  beforeAll(async () => {
    [w.cluster, w.redis] = await Promise.all([start(), startRedis()]);
    w.app = await startInstance(w.cluster, w.redis.url, 'a', 100);
    w.op = operator(w.cluster, w.redis.url);
  });
  afterAll(async () => {
    await Promise.all([w.app?.stop(), w.op?.close()]);
    await w.redis?.stop();
    await w.cluster?.stop();
  });
  return w;
};
