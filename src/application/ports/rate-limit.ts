import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError } from '../../domain';

/** A token bucket: holds at most `capacity` tokens and refills `refillPerSecond` of them continuously. */
export interface RateRule {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** A rule that lets `count` events through per `seconds`, all of them at once if they come together. */
export const perWindow = (count: number, seconds: number): RateRule => ({
  capacity: count,
  refillPerSecond: count / seconds,
});

/** The answer to taking tokens: enough were there, or how long until they will be. */
export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Token buckets by key, shared by every instance (Redis) or held by one (memory). A bucket nobody
 * touched is full. Failures of the store answer `unavailable`; the caller decides whether that fails
 * open or closed.
 */
export interface RateLimiter {
  /** Takes `cost` tokens from the key's bucket atomically, or none when fewer are there. */
  readonly take: (key: string, cost: number, rule: RateRule) => TaskEither<AppError, RateDecision>;
  /** Gives `cost` tokens back (never above capacity): the attempt they paid for turned out not to count. */
  readonly refund: (key: string, cost: number, rule: RateRule) => TaskEither<AppError, void>;
}
