import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './postgres';

/** A throwaway Redis server a test owns, with nothing persisted. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (its data is gone: nothing is persisted). */
  readonly stop: () => Promise<void>;
  /** Starts it again on the same port. */
  readonly start: () => Promise<void>;
}

const spawnRedis = (port: number): Promise<ChildProcess> =>
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
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Spawns the local `redis-server` binary on a free port. */
export const startRedis = async (): Promise<RedisServer> => {
  const port = await freePort();
  let child: ChildProcess | null = await spawnRedis(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child) await stopChild(child);
      child = null;
    },
    start: async () => {
      child ??= await spawnRedis(port);
    },
  };
};
