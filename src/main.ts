import 'reflect-metadata';
import type { Server } from 'node:http';
import * as Sentry from '@sentry/node';
import type { Express } from 'express';
import { configFromEnv, resolveJwtSecret, type Config } from './adapters/config/config';
import { createLogger, type Logger } from './adapters/observability/logger';
import { TOKENS } from './adapters/tokens';
import { buildContainer, memoryModule } from './composition-root';

const SHUTDOWN_GRACE_MS = 10_000;

/** The storage module for the configured mode; Postgres adapters are not wired in yet. */
const storageFor = (config: Config, logger: Logger) => {
  switch (config.storage) {
    case 'memory':
      return memoryModule;
    case 'embedded':
      logger.warn(
        'STORAGE=embedded: embedded Postgres is not wired in yet; using in-memory storage (data is lost on exit)',
      );
      return memoryModule;
    case 'postgres':
      throw new Error('STORAGE=postgres is not supported by this build yet; use STORAGE=memory');
  }
};

/** Stops accepting connections, lets in-flight requests finish, and exits; forced after a grace period. */
const shutdownOn = (server: Server, logger: Logger) => {
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
    server.close((err) => {
      if (err) logger.error({ err }, 'error while closing the server');
      void Sentry.close(2_000).finally(() => process.exit(err ? 1 : 0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

const main = () => {
  const config = configFromEnv(process.env);
  const logger = createLogger({ level: config.logLevel });
  if (config.sentryDsn !== null) Sentry.init({ dsn: config.sentryDsn });
  const container = buildContainer({
    config,
    jwtSecret: resolveJwtSecret(config),
    logger,
    storage: storageFor(config, logger),
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
  shutdownOn(server, logger);
};

try {
  main();
} catch (err) {
  // Startup errors (bad environment, unsupported mode) are for a human: one clear line, no stack.
  process.stderr.write(`boardroom: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
