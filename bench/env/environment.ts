import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { migrateAndSeed, openPostgres } from '../../src/adapters/storage/postgres-runtime';
import { resolvePlacement } from '../../src/shard-router/placement';
import type { TeamId } from '../../src/domain';
import { reservePort } from '../../test/harness/ports';
import { startRedis, type RedisServer } from '../../test/harness/redis';
import { findPid, type Watched } from '../lib/proc';
import { sleep } from '../lib/stats';
import { startDurablePostgres, type DurablePostgres } from './postgres';

export const JWT_SECRET = 'boardroom-bench-secret-at-least-32-bytes-long';
const ROOT = path.resolve(__dirname, '../..');

/** One Boardroom server process. */
export interface ServerInstance {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly wsUrl: string;
}

/** Everything a scenario runs against: 2 instances, 2 durable Postgres shard servers, Redis. */
export interface BenchEnv {
  readonly instances: readonly [ServerInstance, ServerInstance];
  readonly pg: readonly DurablePostgres[];
  readonly catalogUrl: string;
  readonly shardUrls: readonly { id: string; url: string }[];
  readonly redis: RedisServer;
  /** The processes whose CPU and RSS the scenarios report. */
  readonly watched: readonly Watched[];
  /** The Postgres server that holds a team's shard (for pgbench against the same server). */
  readonly serverOf: (teamId: string) => Promise<DurablePostgres>;
  readonly stop: () => Promise<void>;
}

// Two minutes: on a machine whose cores are busy with other work, tsx's first compile alone took over 30 s.
const READY_TRIES = 1200;

const waitReady = async (url: string, child: ChildProcess, log: () => string): Promise<void> => {
  for (let i = 0; i < READY_TRIES; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log()}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`server at ${url} never became ready: ${log()}`);
};

export interface EnvOptions {
  /** Run the servers with --cpu-prof; profiles land in .tmp/bench-profiles (git-ignored) when they exit. */
  readonly profile?: boolean;
}

const PROFILE_DIR = path.join(ROOT, '.tmp/bench-profiles');

const startInstance = async (
  name: string,
  env: Record<string, string>,
  opts: EnvOptions,
): Promise<ServerInstance & { child: ChildProcess }> => {
  const { port } = await reservePort();
  const profile = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => log);
  return { name, pid: child.pid ?? 0, url, wsUrl: `ws://127.0.0.1:${port}/ws`, child };
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Starts the shard servers and Redis, migrates like `boardroom migrate`, then spawns 2 instances. */
export const startEnv = async (opts: EnvOptions = {}): Promise<BenchEnv> => {
  const pg = await Promise.all([startDurablePostgres('pg-0'), startDurablePostgres('pg-1')]);
  const [pg0, pg1] = pg as [DurablePostgres, DurablePostgres];
  const catalogUrl = await pg0.createDatabase('catalog');
  const shardUrls = [
    { id: 'shard-0', url: await pg0.createDatabase('shard0') },
    { id: 'shard-1', url: await pg1.createDatabase('shard1') },
  ];
  const rt = openPostgres(catalogUrl, shardUrls);
  await migrateAndSeed(rt);
  const redis = await startRedis();
  const env = {
    STORAGE: 'postgres',
    CATALOG_URL: catalogUrl,
    SHARD_URLS: shardUrls.map((s) => `${s.id}=${s.url}`).join(','),
    REDIS_URL: redis.url,
    JWT_SECRET,
    // A crew signs up from one address; the sign-up budget per IP is not what a benchmark measures.
    SIGNUPS_PER_IP: '1000000',
    // The scenarios hold thousands of sockets per crew member, and sockets now close when their token
    // expires: lift the per-user socket cap and outlive the whole run with one sign-up's tokens.
    WS_MAX_SOCKETS_PER_USER: '10000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  };
  const [a, b] = await Promise.all([startInstance('A', env, opts), startInstance('B', env, opts)]);
  const redisPid = findPid('redis-server', `:${redis.port}`);
  const watched: Watched[] = [
    { name: 'server A', pid: a.pid, withChildren: false },
    { name: 'server B', pid: b.pid, withChildren: false },
    ...pg.map((p) => ({ name: `postgres ${p.name}`, pid: p.pid, withChildren: true })),
    ...(redisPid === null ? [] : [{ name: 'redis', pid: redisPid, withChildren: false }]),
  ];
  return {
    instances: [a, b],
    pg,
    catalogUrl,
    shardUrls,
    redis,
    watched,
    serverOf: async (teamId) => {
      const placed = await resolvePlacement(rt.placements)(teamId as TeamId)();
      if (isLeft(placed)) throw new Error(`no placement for ${teamId}: ${placed.left.message}`);
      return placed.right.shardId === 'shard-0' ? pg0 : pg1;
    },
    stop: async () => {
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
      await rt.close();
      await redis.stop();
      await Promise.all(pg.map((p) => p.destroy()));
    },
  };
};
