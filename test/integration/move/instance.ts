import pino from 'pino';
import { configFromEnv } from '../../../src/adapters/config/config';
import type { Gateway } from '../../../src/adapters/ws/gateway';
import type { Application } from '../../../src/application/api';
import { startServer } from '../../../src/server';
import type { TestCluster } from '../../harness/cluster';

export const JWT_SECRET = 'tenant-move-test-secret-at-least-32-bytes';

/** One Boardroom instance wired exactly as `npm start` wires it (src/server.ts), on a free port. */
export interface Instance {
  readonly url: string;
  readonly wsUrl: string;
  readonly application: Application;
  readonly gateway: Gateway;
  readonly stop: () => Promise<void>;
}

/**
 * Starts an instance whose placement cache lives `placementTtlMs` (long by default, so the test proves
 * the fence and the control message, not the TTL, send writes to the new shard).
 */
export const startInstance = async (
  cluster: TestCluster,
  redisUrl: string,
  name: string,
  placementTtlMs = 60_000,
): Promise<Instance> => {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent', base: { instance: name } });
  const config = configFromEnv({
    STORAGE: 'postgres',
    CATALOG_URL: cluster.catalogUrl,
    SHARD_URLS: cluster.shardUrls,
    JWT_SECRET,
    REDIS_URL: redisUrl,
    // The load generator is one user writing far above the default per-user rate.
    MUTATION_RATE_PER_SECOND: '100000',
    MUTATION_BURST: '100000',
  });
  const running = await startServer({ config, logger, port: 0, host: '127.0.0.1', placementTtlMs });
  return {
    url: `http://127.0.0.1:${running.port}`,
    wsUrl: `ws://127.0.0.1:${running.port}/ws`,
    application: running.application,
    gateway: running.gateway,
    stop: running.stop,
  };
};
