/**
 * A Boardroom HTTP app with Sentry initialised as production does, whose listing of boards fails as
 * lost infrastructure would. Run in a process of its own (Sentry patches process-wide state) by
 * test/integration/metrics.sentry.test.ts: it prints `PORT <n>`, then one `ENVELOPE <json string>` line
 * per envelope the local transport records, and flushes and exits on SIGTERM.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import * as Sentry from '@sentry/node';
import pino from 'pino';
import { createHttpApp } from '../../../src/adapters/http/app';
import { initSentry, reportToSentry } from '../../../src/adapters/observability/sentry';
import type { BoardStore } from '../../../src/application/ports';
import { makeApplication } from '../../../src/application/make-application';
import { buildMemoryApp } from '../../support/memory-app';

initSentry({
  dsn: 'https://public@sentry.example.com/1',
  transport: (options) =>
    Sentry.createTransport(options, async (req) => {
      const body = typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('utf8');
      process.stdout.write(`ENVELOPE ${JSON.stringify(body)}\n`);
      return { statusCode: 200 };
    }),
});

const memory = buildMemoryApp();
const boards = new Proxy(memory.deps.boards, {
  get: (target, prop) => {
    if (prop === 'listBoards') return () => () => Promise.reject(new Error('shard disk on fire'));
    const value: unknown = Reflect.get(target, prop);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
}) as BoardStore;
const http = createHttpApp(makeApplication({ ...memory.deps, boards }), {
  allowedOrigins: [],
  cookieSecure: false,
  logger: pino({ level: 'silent' }),
  reportError: reportToSentry,
});
const server = http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void Sentry.flush(2000).then(() => process.exit(0));
});
