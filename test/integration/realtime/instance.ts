import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ContainerModule } from 'inversify';
import pino from 'pino';
import { configFromEnv } from '../../../src/adapters/config/config';
import { MemoryRefreshTokenStore } from '../../../src/adapters/memory';
import { RedisEventBus } from '../../../src/adapters/redis/event-bus';
import { openPostgres } from '../../../src/adapters/storage/postgres-runtime';
import { TOKENS } from '../../../src/adapters/tokens';
import { attachGateway, type Gateway } from '../../../src/adapters/ws/gateway';
import type { Application } from '../../../src/application/api';
import { buildContainer, postgresModule } from '../../../src/composition-root';
import type { TestCluster } from '../../harness/cluster';

export const JWT_SECRET = 'two-instances-test-secret-at-least-32-bytes';

/** One Boardroom instance as production wires it (Postgres shards, Redis bus), on a free port. */
export interface Instance {
  readonly url: string;
  readonly wsUrl: string;
  readonly application: Application;
  readonly gateway: Gateway;
  /** Closes its sockets (1001), the bus and the pools, like a deploy stopping it. */
  readonly stop: () => Promise<void>;
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

export const startInstance = async (cluster: TestCluster, redisUrl: string, name: string): Promise<Instance> => {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent', base: { instance: name } });
  const config = configFromEnv({
    STORAGE: 'postgres',
    CATALOG_URL: cluster.catalogUrl,
    SHARD_URLS: cluster.shardUrls,
    REDIS_URL: redisUrl,
    JWT_SECRET,
  });
  const rt = openPostgres(config.catalogUrl as string, config.shardUrls);
  const bus = new RedisEventBus({ url: redisUrl, logger });
  await bus.ready();
  // What a redisModule will bind; refresh tokens stay local since the tests use access tokens only.
  const coordination = new ContainerModule(({ bind }) => {
    bind(TOKENS.RefreshTokens).toConstantValue(new MemoryRefreshTokenStore());
    bind(TOKENS.Events).toConstantValue(bus);
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
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    application,
    gateway,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
      await rt.close();
    },
  };
};
