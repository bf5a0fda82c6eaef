import 'reflect-metadata';
import type { Server } from 'node:http';
import * as Sentry from '@sentry/node';
import type { Express } from 'express';
import { configFromEnv, resolveJwtSecret, type Config } from './adapters/config/config';
import { createLogger, type Logger } from './adapters/observability/logger';
import { TOKENS } from './adapters/tokens';
import type { ContainerModule } from 'inversify';
import type { ShardUrl } from './adapters/config/config';
import { startEmbeddedPostgres } from './adapters/embedded/embedded-postgres';
import { migrateAndSeed, openPostgres } from './adapters/storage/postgres-runtime';
import path from 'node:path';
import { Redis } from 'ioredis';
import { RedisEventBus } from './adapters/redis/event-bus';
import { RedisRefreshTokenStore } from './adapters/redis/refresh-token.store';
import { attachGateway, type Gateway } from './adapters/ws/gateway';
import type { Application } from './application/api';
import type { EventSubscriber } from './application/ports/realtime';
import { buildContainer, localModule, memoryModule, postgresModule, redisModule } from './composition-root';

const SHUTDOWN_GRACE_MS = 10_000;

/** The storage module for the configured mode and how to release what it opened. */
interface OpenStorage {
  readonly module: ContainerModule;
  readonly close: () => Promise<void>;
}

const onPostgres = async (
  catalogUrl: string,
  shardUrls: readonly ShardUrl[],
  logger: Logger,
  migrateFirst: boolean,
): Promise<OpenStorage> => {
  const rt = openPostgres(catalogUrl, shardUrls, {
    onPoolError: (err, database) => logger.warn({ err, database }, 'idle database connection failed'),
  });
  if (migrateFirst) {
    const { applied } = await migrateAndSeed(rt);
    logger.info({ applied }, 'migrations applied');
  }
  return { module: postgresModule(rt), close: rt.close };
};

const openStorage = async (config: Config, logger: Logger): Promise<OpenStorage> => {
  switch (config.storage) {
    case 'memory':
      logger.warn('STORAGE=memory: data lives in this process and is lost on exit');
      return { module: memoryModule, close: async () => undefined };
    case 'embedded': {
      const pg = await startEmbeddedPostgres(config.dataDir, { shards: 2 });
      const shards = Object.entries(pg.shardUrls).map(([id, url]) => ({ id, url }));
      logger.info({ dataDir: config.dataDir, shards: shards.length }, 'embedded Postgres started');
      const storage = await onPostgres(pg.catalogUrl, shards, logger, true);
      return { module: storage.module, close: async () => (await storage.close(), await pg.stop()) };
    }
    case 'postgres':
      // Production runs `boardroom migrate` once per release instead of racing it from every instance.
      return onPostgres(config.catalogUrl as string, config.shardUrls, logger, false);
  }
};

/** Stops accepting connections, lets in-flight requests finish, and exits; forced after a grace period. */
/** Redis for refresh tokens and the event bus when REDIS_URL is set; in-process otherwise (one instance). */
const openCoordination = (config: Config, logger: Logger) => {
  if (config.redisUrl === null) return { module: localModule, close: async () => undefined };
  const bus = new RedisEventBus({ url: config.redisUrl, logger });
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectionName: 'boardroom-tokens' });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  return {
    module: redisModule({ bus, refreshTokens: new RedisRefreshTokenStore(redis) }),
    close: async () => {
      await bus.close();
      redis.disconnect();
    },
  };
};

const shutdownOn = (server: Server, logger: Logger, resources: readonly OpenStorage[], gateway: Gateway) => {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown grace period over; exiting with requests still open');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // Sockets first: clients are told to reconnect (to another instance) while HTTP drains.
    void gateway.close().catch((e: unknown) => logger.error({ err: e }, 'error while closing sockets'));
    server.close((err) => {
      if (err) logger.error({ err }, 'error while closing the server');
      void Promise.all(resources.map((r) => r.close()))
        .catch((e: unknown) => logger.error({ err: e }, 'error while closing storage'))
        .then(() => Sentry.close(2_000))
        .finally(() => process.exit(err ? 1 : 0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

const main = async () => {
  const config = configFromEnv(process.env);
  const logger = createLogger({ level: config.logLevel });
  if (config.sentryDsn !== null) Sentry.init({ dsn: config.sentryDsn });
  const storage = await openStorage(config, logger);
  const coordination = openCoordination(config, logger);
  const container = buildContainer({
    config,
    jwtSecret: resolveJwtSecret(config),
    logger,
    storage: storage.module,
    coordination: coordination.module,
    webDistDir: path.resolve(__dirname, '../web/dist'),
    ...(config.sentryDsn !== null && { reportError: (err: unknown) => Sentry.captureException(err) }),
  });
  const app = container.get<Express>(TOKENS.HttpApp);
  const server = app.listen(config.port, () => {
    logger.info({ url: `http://localhost:${config.port}`, storage: config.storage }, 'Boardroom is listening');
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'server failed');
    process.exit(1);
  });
  const gateway = attachGateway(server, {
    application: container.get<Application>(TOKENS.Application),
    subscriber: container.get<EventSubscriber>(TOKENS.Events),
    allowedOrigins: config.allowedOrigins,
    logger,
  });
  shutdownOn(server, logger, [coordination, storage], gateway);
};

main().catch((err: unknown) => {
  // Startup errors (bad environment, a database that will not start) are for a human: one clear line.
  process.stderr.write(`boardroom: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
