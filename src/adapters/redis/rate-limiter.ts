import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import client from 'prom-client';
import type { Clock, RateDecision, RateLimiter, RateRule } from '../../application/ports';
import { unavailable, type AppError } from '../../domain';

// One atomic step per call, so instances racing for the same bucket never both spend its last token.
// The caller's clock is passed in (ms) rather than Redis TIME so every adapter shares one notion of now.
// Returns {allowed, tokens or retry-after seconds} as strings, since Redis truncates Lua numbers.
const BUCKET = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then tokens = math.min(capacity, tokens + (now - at) / 1000 * rate) else now = at end
local allowed = 1
if ARGV[5] == 'refund' then
  tokens = math.min(capacity, tokens + cost)
elseif tokens < cost then
  allowed = 0
else
  tokens = tokens - cost
end
local refillMs = math.ceil((capacity - tokens) / rate * 1000)
if refillMs <= 0 then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], refillMs + 1000)
end
if allowed == 1 then return {1, tostring(tokens)} end
return {0, tostring(math.ceil((cost - tokens) / rate))}`;

/** Sent by digest; the script's text goes over the wire only when Redis does not have it yet (NOSCRIPT). */
const BUCKET_SHA = createHash('sha1').update(BUCKET).digest('hex');

const errorsTotal = (): client.Counter =>
  (client.register.getSingleMetric('rate_limiter_errors_total') as client.Counter | undefined) ??
  new client.Counter({ name: 'rate_limiter_errors_total', help: 'Rate limiter calls that failed to reach Redis' });

/**
 * Token buckets in Redis, shared by every instance: one hash per key (tokens, last refill), expiring
 * once it would be full again. A failed call is logged and counted and answers `unavailable`; the use
 * case decides whether that lets the request through.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly errors = errorsTotal();

  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly prefix = 'br',
  ) {}

  readonly take = (key: string, cost: number, rule: RateRule): TaskEither<AppError, RateDecision> =>
    this.run(key, cost, rule, 'take', ([allowed, value]) =>
      allowed === 1
        ? { allowed: true, remaining: Math.floor(Number(value)) }
        : { allowed: false, retryAfterSeconds: Math.max(1, Number(value)) },
    );

  readonly refund = (key: string, cost: number, rule: RateRule): TaskEither<AppError, void> =>
    this.run(key, cost, rule, 'refund', () => undefined);

  private run =
    <A>(
      key: string,
      cost: number,
      rule: RateRule,
      mode: 'take' | 'refund',
      read: (reply: [number, string]) => A,
    ): TaskEither<AppError, A> =>
    async () => {
      const now = this.clock.now().getTime();
      const args = [rule.capacity, rule.refillPerSecond, now, cost, mode];
      try {
        const bucket = `${this.prefix}:rl:${key}`;
        const reply = (await this.redis
          .evalsha(BUCKET_SHA, 1, bucket, ...args)
          .catch((err: Error) =>
            err.message.startsWith('NOSCRIPT') ? this.redis.eval(BUCKET, 1, bucket, ...args) : Promise.reject(err),
          )) as [number, string];
        return E.right(read(reply));
      } catch (err) {
        this.errors.inc();
        this.logger.warn({ err: (err as Error).message, mode }, 'rate limiter unavailable');
        return E.left(unavailable('The rate limiter is unavailable; try again shortly'));
      }
    };
}
