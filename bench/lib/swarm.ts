import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SwarmCommand } from './swarm-worker';

type Reply = { id: number; result?: unknown; error?: string };

/** A pool of client processes (bench/lib/swarm-worker.ts) driven over IPC. */
export class Swarm {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(readonly workers: readonly ChildProcess[]) {
    for (const w of workers)
      w.on('message', (reply: Reply) => {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
        else waiter?.resolve(reply.result);
      });
  }

  static start(count: number): Swarm {
    const script = path.join(__dirname, 'swarm-worker.ts');
    return new Swarm(
      Array.from({ length: count }, () =>
        fork(script, [], { execArgv: ['--import', 'tsx', '--max-old-space-size=2048'], stdio: 'inherit' }),
      ),
    );
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid ?? 0);
  }

  /** Sends a command to worker `i` and resolves with its answer. */
  call<T>(i: number, command: SwarmCommand): Promise<T> {
    const id = ++this.next;
    const worker = this.workers[i];
    if (!worker) throw new Error(`no worker ${i}`);
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.send({ id, command });
    });
  }

  /** Sends each worker its command (by index) and waits for all. */
  each<T>(command: (i: number) => SwarmCommand): Promise<T[]> {
    return Promise.all(this.workers.map((_, i) => this.call<T>(i, command(i))));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w, i) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            void this.call(i, { cmd: 'close' }).catch(() => undefined);
          }),
      ),
    );
  }
}
