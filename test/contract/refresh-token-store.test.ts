import { Redis } from 'ioredis';
import { MemoryRefreshTokenStore } from '../../src/adapters/memory';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { makePgRefreshTokenStore } from '../../src/adapters/pg/refresh-token.store';
import { RedisRefreshTokenStore } from '../../src/adapters/redis/refresh-token.store';
import { createTestDatabase } from '../harness/database';
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

registerRefreshTokenStoreContract('postgres', async () => {
  const db = await createTestDatabase('contract_refresh_tokens');
  const pool = createPool(db.url);
  await migrate(pool, 'catalog');
  return {
    port: makePgRefreshTokenStore(pool),
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
});
