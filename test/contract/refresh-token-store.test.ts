import { Redis } from 'ioredis';
import { MemoryRefreshTokenStore } from '../../src/adapters/memory';
import { RedisRefreshTokenStore } from '../../src/adapters/redis/refresh-token.store';
import { startRedis } from '../harness/redis';
import { registerRefreshTokenStoreContract } from './refresh-token-store.contract';

registerRefreshTokenStoreContract('memory', async () => ({
  port: new MemoryRefreshTokenStore(),
  close: async () => undefined,
}));

registerRefreshTokenStoreContract('redis', async () => {
  const server = await startRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  return {
    port: new RedisRefreshTokenStore(redis, `test-${process.pid}`),
    close: async () => {
      redis.disconnect();
      await server.stop();
    },
  };
});
