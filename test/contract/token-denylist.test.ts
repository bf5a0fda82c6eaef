import { Redis } from 'ioredis';
import { MemoryTokenDenylist } from '../../src/adapters/memory';
import { RedisTokenDenylist } from '../../src/adapters/redis/token-denylist';
import { startRedis } from '../harness/redis';
import { registerTokenDenylistContract } from './token-denylist.contract';

registerTokenDenylistContract('memory', async (clock) => ({
  port: new MemoryTokenDenylist(clock),
  close: async () => undefined,
}));

registerTokenDenylistContract('redis', async () => {
  const server = await startRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  return {
    port: new RedisTokenDenylist(redis, `test-${process.pid}`),
    close: async () => {
      redis.disconnect();
      await server.stop();
    },
  };
});
