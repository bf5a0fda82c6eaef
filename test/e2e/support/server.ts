import 'reflect-metadata';
import path from 'node:path';
import type { Express } from 'express';
import { configFromEnv, resolveJwtSecret } from '../../../src/adapters/config/config';
import { serveWeb } from '../../../src/adapters/http/web/serve-web';
import { createLogger } from '../../../src/adapters/observability/logger';
import { TOKENS } from '../../../src/adapters/tokens';
import { buildContainer, memoryModule } from '../../../src/composition-root';

/**
 * The production wiring of src/main.ts on in-memory storage, plus the web app, for the browser tests.
 * Started as a child process (`tsx test/e2e/support/server.ts`) with PORT and DATA_DIR set.
 */
const config = configFromEnv({ ...process.env, STORAGE: 'memory' });
const logger = createLogger({ level: 'warn' });
const container = buildContainer({ config, jwtSecret: resolveJwtSecret(config), logger, storage: memoryModule });
const app = container.get<Express>(TOKENS.HttpApp);
serveWeb(app, { distDir: path.resolve(__dirname, '../../../web/dist') });
const server = app.listen(config.port, () => process.stdout.write(`listening on ${config.port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
