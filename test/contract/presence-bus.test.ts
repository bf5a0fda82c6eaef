import { Redis } from 'ioredis';
import pino from 'pino';
import { MemoryPresenceBus } from '../../src/adapters/memory';
import { RedisPresenceBus } from '../../src/adapters/redis/presence-bus';
import type { BoardId, TeamId, UserId } from '../../src/domain';
import { startRedis } from '../harness/redis';
import { newId, ok } from './fixtures';
import { CONTRACT_TTL_MS, registerPresenceBusContract } from './presence-bus.contract';

const logger = pino({ level: 'silent' });

registerPresenceBusContract('memory', async () => ({
  port: new MemoryPresenceBus(CONTRACT_TTL_MS),
  close: async () => undefined,
}));

registerPresenceBusContract('redis', async () => {
  const server = await startRedis();
  const bus = new RedisPresenceBus({ url: server.url, logger, prefix: `test-${process.pid}`, ttlMs: CONTRACT_TTL_MS });
  await bus.ready();
  return {
    port: bus,
    close: async () => {
      await bus.close();
      await server.stop();
    },
  };
});

describe('PresenceBus on Redis, shared by two instances', () => {
  it("one instance lists and hears about the entries the other put, and neither writes them anywhere but Redis's expiring keys", async () => {
    const server = await startRedis();
    const [a, b] = [1, 2].map(() => new RedisPresenceBus({ url: server.url, logger, ttlMs: 60_000 }));
    try {
      await Promise.all([a!.ready(), b!.ready()]);
      const heard: string[] = [];
      b!.onChange((teamId, boardId) => heard.push(`${teamId}/${boardId}`));
      const [teamId, boardId] = [newId() as TeamId, newId() as BoardId];
      const ana = {
        teamId,
        boardId,
        connectionId: 'a:1',
        userId: newId() as UserId,
        name: 'Ana',
        editing: null,
        changedAt: 1,
      };
      await ok(a!.put([ana]));
      expect(await ok(b!.list(teamId, boardId))).toEqual([ana]);
      for (let i = 0; i < 200 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toEqual([`${teamId}/${boardId}`]);
      // Every key presence wrote carries an expiry: nothing outlives its sockets.
      const probe = new Redis(server.url);
      const ttl = await probe.pttl(`br:presence:${teamId}:${boardId}`);
      probe.disconnect();
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
      await server.stop();
    }
  });
});
