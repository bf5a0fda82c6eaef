import { Redis } from 'ioredis';
import pino from 'pino';
import { MemoryRateLimiter } from '../../src/adapters/memory';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter';
import { startRedis } from '../harness/redis';
import { fail } from './fixtures';
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
