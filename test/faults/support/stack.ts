import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { configFromEnv } from '../../../src/adapters/config/config';
import { createLogger } from '../../../src/adapters/observability/logger';
import { startServer, type RunningServer } from '../../../src/server';
import type { ClusterOptions, TestCluster } from '../../harness/cluster';
import type { BoardClient } from '../../integration/realtime/board-client';
import { seededCluster } from '../../integration/support';
import { startRedis, type RedisServer } from '../../harness/redis';

export const JWT_SECRET = 'fault-suite-secret-at-least-32-bytes-long';
const ROOT = path.resolve(__dirname, '../../..');

/** A migrated, seeded catalog and shards plus a Redis server: what every instance of a test shares. */
export interface Stack {
  readonly cluster: TestCluster;
  readonly redis: RedisServer;
  readonly env: Record<string, string>;
  readonly stop: () => Promise<void>;
}

export const startStack = async (opts: ClusterOptions = {}): Promise<Stack> => {
  const [cluster, redis] = await Promise.all([seededCluster(opts), startRedis()]);
  const env = {
    STORAGE: 'postgres',
    CATALOG_URL: cluster.catalogUrl,
    SHARD_URLS: cluster.shardUrls,
    REDIS_URL: redis.url,
    JWT_SECRET,
  };
  return {
    cluster,
    redis,
    env,
    stop: async () => {
      await redis.stop();
      await cluster.stop();
    },
  };
};

/** An in-process instance and what it logged. */
export interface InProcess {
  readonly server: RunningServer;
  readonly url: string;
  /** Every log line so far, parsed. */
  readonly logs: () => Record<string, unknown>[];
  /** Every log line so far, as written. */
  readonly raw: readonly string[];
}

/** An instance in this process, as `npm start` wires it, logging through the production logger into memory. */
export const startInProcess = async (
  stack: Stack,
  opts: { reportError?: (err: unknown) => void } = {},
): Promise<InProcess> => {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const config = configFromEnv(stack.env);
  const server = await startServer({ config, logger, port: 0, host: '127.0.0.1', ...opts });
  return {
    server,
    url: `http://127.0.0.1:${server.port}`,
    logs: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
    raw,
  };
};

/** An instance in a child process (`node --import tsx src/main.ts`), so a test can really kill it. */
export interface ChildInstance {
  readonly url: string;
  readonly wsUrl: string;
  readonly process: ChildProcess;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Everything it printed. */
  readonly output: () => string;
}

/** The port in the "Boardroom is listening" log line, once it was printed. */
const listeningPort = (output: string): number | null => {
  for (const line of output.split('\n')) {
    if (!line.includes('Boardroom is listening')) continue;
    const { url } = JSON.parse(line) as { url: string };
    return Number(new URL(url).port);
  }
  return null;
};

/** Starts `src/main.ts` on PORT=0: the instance binds a port of the kernel's choosing and logs it. */
export const spawnInstance = async (stack: Stack, name: string): Promise<ChildInstance> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...stack.env, PORT: '0', LOG_LEVEL: 'info', HOSTNAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 30_000);
    const poll = setInterval(() => {
      const found = listeningPort(output);
      if (found !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(found);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up: ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    process: child,
    exited,
    output: () => output,
  };
};

/** A test file's stack with one in-process instance. */
export interface Single {
  readonly stack: Stack;
  readonly instance: InProcess;
}

/**
 * Starts a stack and one in-process instance before the file's tests and stops both after them; the
 * returned object is filled in by the time a test runs.
 */
export const useInProcess = (opts: ClusterOptions = { shards: 2 }): Single => {
  const single = {} as { stack: Stack; instance: InProcess };
  beforeAll(async () => {
    single.stack = await startStack(opts);
    single.instance = await startInProcess(single.stack);
  });
  afterAll(async () => {
    await single.instance?.server.stop();
    await single.stack?.stop();
  });
  return single;
};

/** A test file's stack with two instances, and the clients to close after it. */
export interface Pair<I> {
  readonly stack: Stack;
  readonly a: I;
  readonly b: I;
  readonly clients: BoardClient[];
}

/**
 * Starts a stack (2 shards, Redis) and two instances before the file's tests and tears everything down
 * after them; the returned object is filled in by the time a test runs.
 */
const usePair = <I>(start: (stack: Stack, name: string) => Promise<I>, stop: (i: I) => Promise<unknown>): Pair<I> => {
  const pair = { clients: [] as BoardClient[] } as { stack: Stack; a: I; b: I; clients: BoardClient[] };
  beforeAll(async () => {
    pair.stack = await startStack({ shards: 2 });
    [pair.a, pair.b] = await Promise.all([start(pair.stack, 'a'), start(pair.stack, 'b')]);
  });
  afterAll(async () => {
    await Promise.all(pair.clients.map((c) => c.close()));
    await Promise.all([pair.a, pair.b].filter((i) => i !== undefined).map(stop));
    await pair.stack?.stop();
  });
  return pair;
};

/** Two in-process instances (as `npm start` wires them) on a fresh stack. */
export const useInProcessPair = (): Pair<InProcess> =>
  usePair(
    (stack) => startInProcess(stack),
    (i) => i.server.stop(),
  );

/** Two child-process instances on a fresh stack; whatever is still running at the end is killed. */
export const useChildPair = (): Pair<ChildInstance> =>
  usePair(spawnInstance, async (i) => {
    if (i.process.exitCode === null && i.process.signalCode === null) i.process.kill('SIGKILL');
    await i.exited;
  });
