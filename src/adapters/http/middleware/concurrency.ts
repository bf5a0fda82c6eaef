import type { RequestHandler } from 'express';
import { sendProblem } from '../errors';

/** How many requests of a kind run at once on this instance, and how many may wait for a turn. */
export interface ConcurrencyLimit {
  readonly running: number;
  readonly waiting: number;
}

/**
 * Caps an expensive route per instance (exports read and serialise whole boards): `running` at a time,
 * `waiting` more queued in arrival order, anyone beyond that told to come back (429 + Retry-After). A
 * turn is given back when the response finishes or the client goes away.
 */
export const concurrencyLimit = (limit: ConcurrencyLimit, code: string): RequestHandler => {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return (_req, res, next) => {
    const start = () => {
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', done).once('close', done);
      next();
    };
    if (running < limit.running) {
      running++;
      return start();
    }
    if (queue.length < limit.waiting) {
      queue.push(start);
      return;
    }
    sendProblem(res, {
      status: 429,
      code,
      message: 'Too many exports are running on this server; try again in a few seconds',
      headers: { 'Retry-After': '2' },
    });
  };
};
