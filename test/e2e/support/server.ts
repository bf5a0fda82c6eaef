import 'reflect-metadata';
import { configFromEnv } from '../../../src/adapters/config/config';
import { createLogger } from '../../../src/adapters/observability/logger';
import { startServer } from '../../../src/server';

/**
 * The server exactly as `npm start` wires it (HTTP API, web client, WebSocket gateway), on in-memory
 * storage, for the browser tests. Started as a child process with PORT and DATA_DIR set.
 */
const main = async () => {
  const config = configFromEnv({ ...process.env, STORAGE: 'memory' });
  const running = await startServer({ config, logger: createLogger({ level: 'warn' }) });
  process.stdout.write(`listening on ${running.port}\n`);
  process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
};

void main();
