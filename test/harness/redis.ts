import { spawn, type ChildProcess } from 'node:child_process';
import { onSamePort, PortInUse, withFreshPort } from './ports';

/** A throwaway Redis server a test owns, with nothing persisted. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (its data is gone: nothing is persisted). */
  readonly stop: () => Promise<void>;
  /** Starts it again on the same port. */
  readonly start: () => Promise<void>;
}

/** What redis-server prints when its port is taken (it then exits). */
const BIND_FAILED = /Address already in use|Failed listening on port/;

/** Starts redis-server on `port`; rejects with PortInUse when the port is taken. */
export const spawnRedis = (port: number): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.env.REDIS_SERVER_BIN ?? 'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(
        BIND_FAILED.test(output)
          ? new PortInUse(`port ${port} is taken: ${output}`)
          : new Error(`redis-server exited with ${code}: ${output}`),
      ),
    );
  });

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const running = new Set<ChildProcess>();
// A test process that dies must not leave servers behind.
process.once('exit', () => running.forEach((child) => child.kill('SIGTERM')));

/**
 * Spawns the local `redis-server` binary on a reserved port (test/harness/ports.ts); the port stays
 * reserved while this process lives, so `start` after `stop` finds it free.
 */
export const startRedis = async (): Promise<RedisServer> => {
  const started = await withFreshPort(spawnRedis);
  const port = started.port.port;
  let child: ChildProcess | null = started.value;
  running.add(child);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child) {
        await stopChild(child);
        running.delete(child);
      }
      child = null;
    },
    start: async () => {
      child ??= await onSamePort(() => spawnRedis(port));
      running.add(child);
    },
  };
};
