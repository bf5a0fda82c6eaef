import { readFileSync } from 'node:fs';
import net from 'node:net';
import Redis from 'ioredis';
import { PortInUse, reservePort } from '../harness/ports';
import { spawnRedis, startRedis, type RedisServer } from '../harness/redis';

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

describe('ports for test servers', () => {
  it('are reserved below the ephemeral range, each handed out once even when asked for at once', async () => {
    const ports = await Promise.all(Array.from({ length: 40 }, () => reservePort()));
    try {
      const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
      expect(new Set(ports.map((p) => p.port)).size).toBe(40);
      expect(ports.every((p) => p.port < Number(low))).toBe(true);
    } finally {
      ports.forEach((p) => p.release());
    }
  });

  it('a redis-server whose port is taken is reported as PortInUse, so the harness picks another', async () => {
    const taken = await reservePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(taken.port, '127.0.0.1', resolve));
    try {
      await expect(spawnRedis(taken.port)).rejects.toBeInstanceOf(PortInUse);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      taken.release();
    }
  });
});
