import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestCluster } from '../harness/cluster';
import { reservePort, type ReservedPort } from '../harness/ports';
import { startRedis, type RedisServer } from '../harness/redis';
import { seededCluster } from './support';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '../..');

let cluster: TestCluster;
let redis: RedisServer;
let nowhere: ReservedPort;

beforeAll(async () => {
  [cluster, redis, nowhere] = await Promise.all([seededCluster({ shards: 2 }), startRedis(), reservePort()]);
});
afterAll(async () => {
  nowhere?.release();
  await redis?.stop();
  await cluster?.stop();
});

/** Runs `src/main.ts` as `npm start` does; answers its exit code, what it printed, and how long it ran. */
const start = (env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> =>
  new Promise((resolve) => {
    const began = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', JWT_SECRET: 'x'.repeat(32), STARTUP_TIMEOUT_MS: '2000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    // A process that hangs is what this test exists to catch; it is killed well after the timeout.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output, ms: Date.now() - began });
    });
  });

const unreachable = () => `127.0.0.1:${nowhere.port}`;
const postgresEnv = () => ({ STORAGE: 'postgres', CATALOG_URL: cluster.catalogUrl, SHARD_URLS: cluster.shardUrls });

describe('start-up with a dependency that does not answer', () => {
  it('a REDIS_URL nothing listens on stops start-up within the timeout, naming REDIS_URL', async () => {
    const run = await start({ ...postgresEnv(), REDIS_URL: `redis://${unreachable()}` });

    expect(run.code).toBe(1);
    expect(run.output).toMatch(/boardroom: could not reach REDIS_URL \(.+\) within 2 s/);
    expect(run.output).not.toMatch(/CATALOG_URL|SHARD_URLS/);
    expect(run.output).not.toContain('Boardroom is listening');
    expect(run.ms).toBeLessThan(15_000);
  });

  it('an unreachable CATALOG_URL stops start-up, naming CATALOG_URL and never the password', async () => {
    const run = await start({
      ...postgresEnv(),
      CATALOG_URL: `postgres://postgres:s3cret@${unreachable()}/catalog`,
      REDIS_URL: redis.url,
    });

    expect(run.code).toBe(1);
    expect(run.output).toMatch(/could not reach CATALOG_URL \(.+\)/);
    expect(run.output).not.toContain('s3cret');
    expect(run.output).not.toMatch(/REDIS_URL \(|SHARD_URLS \(/);
  });

  it('one unreachable shard in SHARD_URLS stops start-up, naming that shard', async () => {
    const shard0 = cluster.shards[0]!;
    const run = await start({
      ...postgresEnv(),
      SHARD_URLS: `shard-0=${shard0.url},shard-1=postgres://postgres:x@${unreachable()}/shard`,
    });

    expect(run.code).toBe(1);
    expect(run.output).toMatch(/could not reach SHARD_URLS \(shard-1\) \(.+\)/);
    expect(run.output).not.toContain('SHARD_URLS (shard-0)');
  });

  it('with every dependency reachable the same settings start and listen', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...postgresEnv(), REDIS_URL: redis.url, PORT: '0', JWT_SECRET: 'x'.repeat(32) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('Boardroom is listening') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(output).toContain('Boardroom is listening');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
