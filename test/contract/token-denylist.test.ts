import { Redis } from 'ioredis';
import { MemoryTokenDenylist } from '../../src/adapters/memory';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { PgTokenDenylist } from '../../src/adapters/pg/token-denylist';
import { createTestDatabase } from '../harness/database';
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

registerTokenDenylistContract('postgres', async (clock) => {
  const db = await createTestDatabase('contract_token_denials');
  const pool = createPool(db.url);
  await migrate(pool, 'catalog');
  return {
    port: new PgTokenDenylist(pool, clock),
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
});
