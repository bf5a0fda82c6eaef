import pino from 'pino';
import { configFromEnv } from '../../../src/adapters/config/config';
import type { Gateway } from '../../../src/adapters/ws/gateway';
import type { Application } from '../../../src/application/api';
import { startServer, type RunningServer } from '../../../src/server';
import type { TestCluster } from '../../harness/cluster';

export const JWT_SECRET = 'two-instances-test-secret-at-least-32-bytes';

/** One Boardroom instance as `npm start` wires it (Postgres shards, Redis), on a free port. */
export interface Instance {
  readonly url: string;
  readonly wsUrl: string;
  readonly application: Application;
  readonly gateway: Gateway;
  /** The instance itself, wired exactly as `npm start` wires it. */
  readonly running: RunningServer;
  /** Closes its sockets (1001), the bus and the pools, like a deploy stopping it. */
  readonly stop: () => Promise<void>;
}

export const startInstance = async (
  cluster: TestCluster,
  redisUrl: string,
  name: string,
  /** More environment settings for this instance (e.g. AUTH_CACHE_TTL_MS). */
  env: Readonly<Record<string, string>> = {},
): Promise<Instance> => {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent', base: { instance: name } });
  const config = configFromEnv({
    STORAGE: 'postgres',
    CATALOG_URL: cluster.catalogUrl,
    SHARD_URLS: cluster.shardUrls,
    REDIS_URL: redisUrl,
    JWT_SECRET,
    // Load tests drive hundreds of mutations as one user; the per-user limit is not what they measure.
    MUTATION_BURST: '100000',
    ...env,
  });
  const running = await startServer({ config, logger, port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${running.port}`,
    wsUrl: `ws://127.0.0.1:${running.port}/ws`,
    application: running.application,
    gateway: running.gateway,
    running,
    stop: running.stop,
  };
};
