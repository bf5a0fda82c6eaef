import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Clock, RateDecision, RateLimiter, RateRule } from '../../application/ports';
import type { AppError } from '../../domain';

interface Bucket {
  tokens: number;
  at: number;
  readonly rule: RateRule;
}

/**
 * Token buckets in this process: right for one instance and for tests. Buckets that have refilled
 * completely are dropped, so memory holds only keys that were busy recently.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  readonly take =
    (key: string, cost: number, rule: RateRule): TaskEither<AppError, RateDecision> =>
    async () => {
      const bucket = this.refill(key, rule);
      if (bucket.tokens < cost) {
        const retryAfterSeconds = Math.max(1, Math.ceil((cost - bucket.tokens) / rule.refillPerSecond));
        return E.right({ allowed: false, retryAfterSeconds });
      }
      bucket.tokens -= cost;
      return E.right({ allowed: true, remaining: Math.floor(bucket.tokens) });
    };

  readonly refund =
    (key: string, cost: number, rule: RateRule): TaskEither<AppError, void> =>
    async () => {
      const bucket = this.refill(key, rule);
      bucket.tokens = Math.min(rule.capacity, bucket.tokens + cost);
      if (bucket.tokens >= rule.capacity) this.buckets.delete(key);
      return E.right(undefined);
    };

  private refill(key: string, rule: RateRule): Bucket {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: rule.capacity, at: now, rule };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(rule.capacity, bucket.tokens + elapsed * rule.refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  // Bounded work per call: look at the few least recently created buckets and drop those full again.
  private sweep(now: number): void {
    let looked = 0;
    for (const [key, { tokens, at, rule }] of this.buckets) {
      if (++looked > 4) return;
      if (tokens + ((now - at) / 1000) * rule.refillPerSecond >= rule.capacity) this.buckets.delete(key);
    }
  }
}
