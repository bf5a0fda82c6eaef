import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Logger } from 'pino';
import type { EventPublisher, NotificationOutbox, OutboxEntry } from '../../application/ports';
import { mayNotify, type AppError } from '../../domain';

export interface OutboxWorkerOptions {
  /** One outbox per shard (one in memory mode). */
  readonly outboxes: readonly NotificationOutbox[];
  /** Derives and makes the notifications of a batch (`deliverOutbox`). */
  readonly deliver: (entries: readonly OutboxEntry[]) => TaskEither<AppError, void>;
  readonly logger: Pick<Logger, 'warn' | 'error'>;
  /** How often every outbox is looked at when nothing woke the worker (default 1 s). */
  readonly pollMs?: number;
  /** Entries claimed at once (default 100). */
  readonly batch?: number;
}

/** Drains the notification outboxes of every shard in the background. */
export interface OutboxWorker {
  /** Drains now (or right after the drain under way): a local commit that may notify was made. */
  readonly wake: () => void;
  /** Drains once and waits for it (tests, shutdown). */
  readonly drainNow: () => Promise<void>;
  /** Stops polling and waits for the drain under way; what is left stays for the next instance. */
  readonly stop: () => Promise<void>;
}

/**
 * Polls every outbox, and drains at once when woken. Any number of instances run one each: the outboxes
 * hand an entry to one drain at a time, and a drain that fails leaves its entries for the next pass.
 */
export const startOutboxWorker = (opts: OutboxWorkerOptions): OutboxWorker => {
  const pollMs = opts.pollMs ?? 1000;
  const batch = opts.batch ?? 100;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const drainOutbox = async (outbox: NotificationOutbox): Promise<void> => {
    for (;;) {
      const handled = await outbox.drain(batch, opts.deliver)();
      if (E.isLeft(handled)) {
        opts.logger.warn({ err: handled.left }, 'notification outbox drain failed; its entries stay for a retry');
        return;
      }
      if (handled.right < batch || stopped) return;
    }
  };
  const pass = async (): Promise<void> => {
    for (const outbox of opts.outboxes) await drainOutbox(outbox);
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(run, pollMs);
    timer.unref();
  };
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = pass()
      .catch((err: unknown) => opts.logger.error({ err }, 'notification outbox drain crashed'))
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          run();
        } else schedule();
      });
  };
  run();
  return {
    wake: run,
    drainNow: async () => {
      while (running) await running;
      if (!stopped) await pass();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};

/** Something that can be told a commit that may notify was just made (the worker, once it runs). */
export class OutboxWakeup {
  private readonly wakers = new Set<() => void>();

  /** Calls `wake` on every local commit that may notify; answers how to stop. */
  readonly onCommit = (wake: () => void): (() => void) => {
    this.wakers.add(wake);
    return () => this.wakers.delete(wake);
  };

  /** The publisher, waking the worker for each published event that may notify. */
  readonly publishing = (publisher: EventPublisher): EventPublisher => ({
    publish: (event) => {
      if (mayNotify(event)) for (const wake of this.wakers) wake();
      return publisher.publish(event);
    },
  });
}
