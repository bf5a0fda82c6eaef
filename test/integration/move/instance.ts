import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ContainerModule } from 'inversify';
import pino from 'pino';
import { configFromEnv } from '../../../src/adapters/config/config';
import { MemoryRateLimiter, MemoryRefreshTokenStore, MemoryTokenDenylist } from '../../../src/adapters/memory';
import { RedisControlBus } from '../../../src/adapters/redis/control-bus';
import { RedisEventBus } from '../../../src/adapters/redis/event-bus';
import { openPostgres, type PostgresRuntime } from '../../../src/adapters/storage/postgres-runtime';
import { TOKENS } from '../../../src/adapters/tokens';
import { attachGateway, type Gateway } from '../../../src/adapters/ws/gateway';
import type { Application } from '../../../src/application/api';
import type { Clock } from '../../../src/application/ports';
import { buildContainer, postgresModule } from '../../../src/composition-root';
import type { TestCluster } from '../../harness/cluster';

export const JWT_SECRET = 'tenant-move-test-secret-at-least-32-bytes';

/** One Boardroom instance wired as production does (Postgres shards, Redis bus and control channel). */
export interface Instance {
  readonly url: string;
  readonly wsUrl: string;
  readonly application: Application;
  readonly gateway: Gateway;
  readonly rt: PostgresRuntime;
  readonly stop: () => Promise<void>;
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

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
  const env = { STORAGE: 'postgres', CATALOG_URL: cluster.catalogUrl, SHARD_URLS: cluster.shardUrls, JWT_SECRET };
  const config = configFromEnv({
    ...env,
    REDIS_URL: redisUrl,
    MUTATION_RATE_PER_SECOND: '100000',
    MUTATION_BURST: '100000',
  });
  const rt = openPostgres(config.catalogUrl as string, config.shardUrls, { placementTtlMs });
  const bus = new RedisEventBus({ url: redisUrl, logger });
  const control = new RedisControlBus({ url: redisUrl, logger });
  await bus.ready();
  control.onMessage((m) => {
    if (m.type === 'tenant.moved') rt.router.invalidate(m.teamId);
  });
  const coordination = new ContainerModule(({ bind }) => {
    bind(TOKENS.RefreshTokens).toConstantValue(new MemoryRefreshTokenStore());
    bind(TOKENS.Events).toConstantValue(bus);
    bind(TOKENS.Control).toConstantValue(control);
    // Per-instance limits are enough here: the load generator is one user writing far above the default rate.
    bind(TOKENS.RateLimiter).toDynamicValue((ctx) => new MemoryRateLimiter(ctx.get<Clock>(TOKENS.Clock)));
    bind(TOKENS.Denylist).toDynamicValue((ctx) => new MemoryTokenDenylist(ctx.get<Clock>(TOKENS.Clock)));
  });
  const container = buildContainer({
    config,
    jwtSecret: JWT_SECRET,
    logger,
    storage: postgresModule(rt),
    coordination,
  });
  const application = container.get<Application>(TOKENS.Application);
  const server = createServer(container.get<Express>(TOKENS.HttpApp));
  const gateway = attachGateway(server, { application, subscriber: bus, allowedOrigins: [], logger });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    application,
    gateway,
    rt,
    stop: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([bus.close(), control.close()]);
      await rt.close();
    },
  };
};
