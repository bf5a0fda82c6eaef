import type { Task } from 'fp-ts/Task';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CacheRead, ReadCache } from '../../application/ports/cache';
import { counter } from '../observability/prom';
import { closeRedis } from './close';

export interface RedisReadCacheOptions {
  readonly url: string;
  readonly logger: Logger;
  /** How long a filled value lives (default 60 s): the bound on staleness if an invalidation is lost. */
  readonly ttlMs?: number;
  /** A command Redis has not answered after this long counts as a miss (default 250 ms). */
  readonly commandTimeoutMs?: number;
  /** Key prefix, so several deployments can share one Redis (default `br:cache`). */
  readonly prefix?: string;
}

// Set the value only if the key's generation is still the one the reader saw before reading the database.
const FILL_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or '0'
if current == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[1] .. '|' .. ARGV[2], 'PX', ARGV[3])
end
return 0`;

const RETRY_MS = 1000;

/**
 * The read cache in Redis, shared by every instance. A value is stored with the generation it was read
 * under and is served only while that generation is current. When an invalidation cannot reach Redis,
 * this instance reads through to the database until the invalidation has been delivered.
 */
export class RedisReadCache implements ReadCache {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlMs: number;
  /** Keys whose invalidation Redis has not confirmed; while any is pending, the cache is bypassed. */
  private readonly pending = new Set<string>();
  private retry: ReturnType<typeof setInterval> | null = null;
  private readonly requests = counter('cache_requests_total', 'Read cache lookups by result', ['result']);

  constructor(private readonly opts: RedisReadCacheOptions) {
    this.prefix = opts.prefix ?? 'br:cache';
    this.ttlMs = opts.ttlMs ?? 60_000;
    // No offline queue and no retries: a cache that is away must answer "miss" at once, not queue.
    this.redis = new Redis(opts.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs ?? 250,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
      connectionName: 'boardroom-cache',
    });
    this.redis.on('error', (err: Error) => opts.logger.debug({ err: err.message }, 'redis cache error'));
    this.redis.on('ready', () => void this.flushPending());
  }

  readonly read =
    (key: string): Task<CacheRead> =>
    async () => {
      if (this.pending.size > 0) return this.miss('bypass');
      try {
        const [generation, stored] = await this.redis.mget(this.genKey(key), this.valKey(key));
        const current = generation ?? '0';
        const bar = stored?.indexOf('|') ?? -1;
        if (stored == null || bar < 0 || stored.slice(0, bar) !== current) {
          this.requests.inc({ result: 'miss' });
          return { value: null, generation: current };
        }
        this.requests.inc({ result: 'hit' });
        return { value: stored.slice(bar + 1), generation: current };
      } catch {
        return this.miss('error');
      }
    };

  readonly fill =
    (key: string, generation: string, value: string): Task<void> =>
    async () => {
      if (this.pending.size > 0 || generation === '') return;
      await this.redis
        .eval(FILL_SCRIPT, 2, this.genKey(key), this.valKey(key), generation, value, String(this.ttlMs))
        .catch(() => undefined);
    };

  readonly invalidate =
    (keys: readonly string[]): Task<void> =>
    async () => {
      keys.forEach((k) => this.pending.add(k));
      await this.flushPending();
    };

  /** Stops retrying and closes the connection. */
  async close(): Promise<void> {
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
    await closeRedis(this.redis);
  }

  private miss(result: 'bypass' | 'error'): CacheRead {
    this.requests.inc({ result });
    // An empty generation never matches: nothing read now can be filled.
    return { value: null, generation: '' };
  }

  private async flushPending(): Promise<void> {
    const keys = [...this.pending];
    if (keys.length === 0) return;
    const tx = this.redis.multi();
    for (const key of keys) {
      // Generations outlive every value filled under them, so a reset to 0 cannot revive an old value.
      tx.incr(this.genKey(key))
        .pexpire(this.genKey(key), this.ttlMs * 10)
        .del(this.valKey(key));
    }
    try {
      await tx.exec();
      keys.forEach((k) => this.pending.delete(k));
      if (this.pending.size === 0 && this.retry) {
        clearInterval(this.retry);
        this.retry = null;
      }
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message, keys: keys.length }, 'cache invalidation deferred');
      this.retry ??= setInterval(() => void this.flushPending(), RETRY_MS);
      this.retry.unref();
    }
  }

  private genKey(key: string): string {
    return `${this.prefix}:gen:${key}`;
  }

  private valKey(key: string): string {
    return `${this.prefix}:val:${key}`;
  }
}
