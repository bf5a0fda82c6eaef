import type { RequestHandler, Response } from 'express';
import { sendProblem } from '../errors';

/** How many requests of a kind run at once on this instance, and how many may wait for a turn. */
export interface ConcurrencyLimit {
  readonly running: number;
  readonly waiting: number;
}

/** Resolves once the response is over: sent, or its client gone. */
const ended = (res: Response): Promise<void> =>
  new Promise((resolve) => {
    if (res.writableFinished || res.destroyed) return resolve();
    res.once('finish', resolve).once('close', resolve);
  });

/**
 * Caps an expensive route per instance (exports read and serialise whole boards): `running` at a time,
 * `waiting` more queued in arrival order, anyone beyond that told to come back (429 + Retry-After). A
 * turn is given back when the response ends or the client goes away — also while it is still waiting,
 * so an abandoned request neither runs nor keeps its place.
 */
export const concurrencyLimit = (limit: ConcurrencyLimit, code: string, message: string): RequestHandler => {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    running--;
    queue.shift()?.();
  };
  const run = (res: Response, next: () => void) => {
    running++;
    void ended(res).then(release);
    next();
  };
  return (_req, res, next) => {
    if (running < limit.running) return run(res, next);
    if (queue.length >= limit.waiting) {
      return sendProblem(res, { status: 429, code, message, headers: { 'Retry-After': '2' } });
    }
    const turn = () => (res.destroyed ? queue.shift()?.() : run(res, next));
    queue.push(turn);
    res.once('close', () => {
      const i = queue.indexOf(turn);
      if (i >= 0) queue.splice(i, 1);
    });
  };
};
