import type { Logger } from '../observability/logger';

/**
 * Runs `task` every `intervalMs` (the first time after one interval), never two at once; failures are
 * logged and the next round tries again. Answers how to stop it, waiting for a round under way.
 */
export const every = (
  intervalMs: number,
  task: () => Promise<unknown>,
  logger: Logger,
  what: string,
): (() => Promise<void>) => {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= task()
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, `${what} failed`),
      )
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
};
