import type { ControlMessage } from '../../application/ports';
import { recoverExpiredMoves } from '../../shard-router/move';
import { pgMoveEnv } from '../pg/move';
import type { Logger } from '../observability/logger';
import type { PostgresRuntime } from './postgres-runtime';

/** How often a server looks for moves whose mover died, after the look it takes at start. */
export const MOVE_RECOVERY_INTERVAL_MS = 30_000;

/**
 * Settles tenant moves whose lease ran out (src/shard-router/move/recover.ts): at start, then every
 * interval, so a team a dead mover left fenced serves again without anyone running a command. Every
 * instance does it; the team's move lock lets one of them act. Failures are logged and retried.
 * Returns the function that stops it, waiting for a sweep under way.
 */
export const startMoveRecovery = (
  rt: PostgresRuntime,
  publish: (m: ControlMessage) => Promise<void>,
  logger: Logger,
  intervalMs = MOVE_RECOVERY_INTERVAL_MS,
): (() => Promise<void>) => {
  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    sweeping ??= recoverExpiredMoves(pgMoveEnv(rt, publish))
      .then(
        ({ settled, failed }) => {
          settled.forEach((s) => logger.warn({ move: s }, 'settled a tenant move whose mover died'));
          failed.forEach((f) => logger.warn({ teamId: f.teamId, err: f.error }, 'could not settle a tenant move yet'));
        },
        (err: unknown) => logger.warn({ err }, 'could not look for interrupted tenant moves'),
      )
      .finally(() => (sweeping = null));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await sweeping;
  };
};
