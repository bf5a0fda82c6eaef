import net from 'node:net';
import Redis from 'ioredis';
import { startRedis, type RedisServer } from '../harness/redis';

describe('the throwaway Redis server', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedis();
  });

  afterAll(() => server.stop());

  const ping = async (): Promise<string> => {
    const client = new Redis(server.url, { lazyConnect: true });
    await client.connect();
    const pong = await client.ping();
    await client.quit();
    return pong;
  };

  /** A plain TCP connect, so a refused connection leaves no client timers behind. */
  const refused = (): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });

  it('answers on its port, refuses while stopped, and answers again once restarted', async () => {
    expect(await ping()).toBe('PONG');
    await server.stop();
    expect(await refused()).toBe(true);
    await server.start();
    expect(await ping()).toBe('PONG');
  });
});
