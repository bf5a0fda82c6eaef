import pino from 'pino';
import { MemoryReadCache } from '../../src/adapters/memory/cache';
import { RedisReadCache } from '../../src/adapters/redis/cache';
import type { ReadCache } from '../../src/application/ports/cache';
import { startRedis, type RedisServer } from '../harness/redis';
import { eventually, sleep } from '../support/wait';

jest.setTimeout(30_000);

const logger = pino({ level: 'silent' });
let redis: RedisServer;
const opened: RedisReadCache[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await redis.stop();
});

const redisCache = (ttlMs = 60_000, prefix = `t${opened.length}`) => {
  const cache = new RedisReadCache({ url: redis.url, logger, ttlMs, prefix });
  opened.push(cache);
  return cache;
};

/** Resolves once `check` holds; fails after `ms`. */

const TTL_MS = 300;

describe.each([
  ['memory', () => new MemoryReadCache(TTL_MS) as ReadCache],
  ['redis', () => redisCache(TTL_MS) as ReadCache],
])('ReadCache contract on %s', (_name, make) => {
  let cache: ReadCache;
  beforeEach(async () => {
    cache = make();
    // Redis connects lazily; a read before it is ready is a miss by design.
    await eventually(async () => (await cache.read('warm')()).generation !== '');
  });

  it('a value filled after a miss is served until it expires', async () => {
    const miss = await cache.read('k')();
    expect(miss.value).toBeNull();
    await cache.fill('k', miss.generation, 'v1')();
    expect((await cache.read('k')()).value).toBe('v1');
    await sleep(TTL_MS + 100);
    expect((await cache.read('k')()).value).toBeNull();
  });

  it('an invalidated value is never served again', async () => {
    const miss = await cache.read('k2')();
    await cache.fill('k2', miss.generation, 'old')();
    await cache.invalidate(['k2'])();
    expect((await cache.read('k2')()).value).toBeNull();
  });

  it('a value read from the database before a change is not stored after the change', async () => {
    const before = await cache.read('k3')();
    await cache.invalidate(['k3'])();
    await cache.fill('k3', before.generation, 'stale')();
    const after = await cache.read('k3')();
    expect(after.value).toBeNull();
    await cache.fill('k3', after.generation, 'fresh')();
    expect((await cache.read('k3')()).value).toBe('fresh');
  });
});

describe('RedisReadCache when Redis is away', () => {
  it('answers a miss at once, never fails a caller, and delivers a deferred invalidation when Redis is back', async () => {
    const writer = redisCache(60_000, 'shared');
    const reader = redisCache(60_000, 'shared');
    await eventually(async () => (await reader.read('warm')()).generation !== '');
    await redis.stop();

    const started = Date.now();
    expect((await writer.read('board')()).value).toBeNull();
    await writer.fill('board', '0', 'ignored')();
    await writer.invalidate(['board'])();
    expect(Date.now() - started).toBeLessThan(1000);

    await redis.start();
    // The restarted Redis is empty: another instance fills it with what it read before the change.
    await eventually(async () => (await reader.read('warm')()).generation !== '');
    await reader.fill('board', '0', 'read before the change')();
    // The writer delivers its invalidation once it reconnects; the value filled meanwhile is dropped.
    await eventually(async () => (await writer.read('warm')()).generation !== '');
    expect((await reader.read('board')()).value).toBeNull();
  });
});
