import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { Config } from '../config/config';

/** One dependency start-up waits for, named by the variable an operator must fix when it never answers. */
export interface StartupCheck {
  /** `CATALOG_URL`, `SHARD_URLS (shard-1)`, `REDIS_URL`. */
  readonly variable: string;
  /** Resolves once the dependency answered; rejects (or hangs, bounded by the caller) otherwise. */
  readonly probe: (timeoutMs: number) => Promise<void>;
}

const postgresProbe = (url: string) => async (timeoutMs: number) => {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  // A failed connect emits `error` too; without a listener it would crash the process.
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
  } finally {
    await c.end().catch(() => undefined);
  }
};

const redisProbe = (url: string) => async (timeoutMs: number) => {
  // One try, no reconnects and no offline queue: an unreachable server fails this at once.
  const r = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: 'boardroom-startup-check',
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } finally {
    r.disconnect();
  }
};

/** What start-up must reach for the configured mode (embedded Postgres is started by the process itself). */
export const startupChecks = (config: Config): StartupCheck[] => [
  ...(config.storage === 'postgres' && config.catalogUrl !== null
    ? [{ variable: 'CATALOG_URL', probe: postgresProbe(config.catalogUrl) }]
    : []),
  ...(config.storage === 'postgres'
    ? config.shardUrls.map((s) => ({ variable: `SHARD_URLS (${s.id})`, probe: postgresProbe(s.url) }))
    : []),
  ...(config.redisUrl !== null ? [{ variable: 'REDIS_URL', probe: redisProbe(config.redisUrl) }] : []),
];

// Driver messages can quote connection strings; only the first line, without URLs, is shown.
const reason = (err: unknown): string =>
  ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').replace(/[a-z]+:\/\/\S+/gi, '<url>') ||
  'no answer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Probes one dependency until it answers or `deadline` passes; answers the last failure, or null. */
const untilAnswered = async (check: StartupCheck, deadline: number): Promise<string | null> => {
  let last = 'no answer';
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return last;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${left} ms`)), left);
    });
    try {
      await Promise.race([check.probe(Math.min(left, 3000)), timeout]);
      return null;
    } catch (err) {
      last = reason(err);
    } finally {
      clearTimeout(timer);
    }
    // Compose may start us a moment before a dependency listens: try again until the deadline.
    await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
  }
};

/**
 * Waits (at most `timeoutMs`, all checks at once) for every dependency to answer. Throws one message
 * naming each variable whose dependency never did, so a wrong URL stops start-up in seconds instead of
 * leaving a process that retries forever and never opens its port.
 */
export const awaitDependencies = async (checks: readonly StartupCheck[], timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  const outcomes = await Promise.all(checks.map(async (c) => ({ c, failure: await untilAnswered(c, deadline) })));
  const failed = outcomes.filter((o) => o.failure !== null);
  if (failed.length === 0) return;
  const seconds = Math.round(timeoutMs / 100) / 10;
  throw new Error(
    `could not reach ${failed.map((f) => `${f.c.variable} (${f.failure})`).join('; ')} within ${seconds} s ` +
      '(STARTUP_TIMEOUT_MS); check the URL and that the server is running',
  );
};
