import { Redis } from 'ioredis';
import pino from 'pino';
import { MemoryRateLimiter } from '../../src/adapters/memory';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter';
import { startRedis } from '../harness/redis';
import { fail, ok } from './fixtures';
import { registerRateLimiterContract } from './rate-limiter.contract';
import { ManualClock } from '../support/manual-clock';

registerRateLimiterContract('memory', async (clock) => ({
  port: new MemoryRateLimiter(clock),
  close: async () => undefined,
}));

registerRateLimiterContract('redis', async (clock) => {
  const server = await startRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  return {
    port: new RedisRateLimiter(redis, clock, pino({ level: 'silent' }), `test-${process.pid}`),
    close: async () => {
      redis.disconnect();
      await server.stop();
    },
  };
});

describe('RateLimiter on Redis when Redis is down', () => {
  it('answers unavailable, so each use case can choose to fail open or closed', async () => {
    const server = await startRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    const limiter = new RedisRateLimiter(redis, new ManualClock(), pino({ level: 'silent' }));
    await server.stop();
    try {
      const error = await fail(limiter.take('k', 1, { capacity: 1, refillPerSecond: 1 }));
      expect(error).toMatchObject({ kind: 'unavailable' });
    } finally {
      redis.disconnect();
    }
  });
});

describe('RateLimiter on Redis, its script sent by digest', () => {
  it('sends the script again when Redis has forgotten it (a restart, SCRIPT FLUSH) and keeps counting', async () => {
    const server = await startRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
    const limiter = new RedisRateLimiter(redis, new ManualClock(), pino({ level: 'silent' }), 'digest');
    const rule = { capacity: 2, refillPerSecond: 0.001 };
    try {
      await redis.script('FLUSH');
      expect(await ok(limiter.take('k', 1, rule))).toEqual({ allowed: true, remaining: 1 });
      await redis.script('FLUSH');
      expect(await ok(limiter.take('k', 1, rule))).toEqual({ allowed: true, remaining: 0 });
      expect(await ok(limiter.take('k', 1, rule))).toMatchObject({ allowed: false });
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });
});
