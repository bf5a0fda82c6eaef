import 'reflect-metadata';
import * as Sentry from '@sentry/node';
import { configFromEnv } from './adapters/config/config';
import { takeOverShutdownSignals } from './adapters/embedded/embedded-postgres';
import { createLogger, type Logger } from './adapters/observability/logger';
import { initSentry, reportToSentry } from './adapters/observability/sentry';
import { startServer, type RunningServer } from './server';

const SHUTDOWN_GRACE_MS = 10_000;

/** On SIGTERM/SIGINT: stop accepting, drain, release storage and exit; forced after a grace period. */
const shutdownOn = (running: RunningServer, logger: Logger) => {
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
    running
      .stop()
      .then(() => Sentry.close(2_000))
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'error while shutting down');
          process.exit(1);
        },
      );
  };
  // This shutdown stops storage last, embedded Postgres included; the library must not race it.
  takeOverShutdownSignals();
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

const main = async () => {
  const config = configFromEnv(process.env);
  const logger = createLogger({ level: config.logLevel });
  if (config.sentryDsn !== null) initSentry({ dsn: config.sentryDsn });
  const running = await startServer({
    config,
    logger,
    ...(config.sentryDsn !== null && { reportError: reportToSentry }),
  });
  logger.info({ url: running.url, storage: config.storage }, 'Boardroom is listening');
  shutdownOn(running, logger);
};

main().catch((err: unknown) => {
  // Startup errors (bad environment, a database that will not start) are for a human: one clear line.
  process.stderr.write(`boardroom: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
