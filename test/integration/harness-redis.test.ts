import Redis from 'ioredis';
import { startRedis, type RedisServer } from '../harness/redis';

describe('the throwaway Redis server', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedis();
  });

  afterAll(() => server.stop());

  const ping = async (): Promise<string> => {
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.ping();
    } finally {
      client.disconnect();
    }
  };

  it('answers on its port, refuses while stopped, and answers again once restarted', async () => {
    expect(await ping()).toBe('PONG');
    await server.stop();
    await expect(ping()).rejects.toThrow();
    await server.start();
    expect(await ping()).toBe('PONG');
  });
});
