import { Redis } from 'ioredis';
import pino from 'pino';
import client from 'prom-client';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter';
import { handleMutate } from '../../src/adapters/ws/mutate-handler';
import { NackMemory } from '../../src/adapters/ws/nack-memory';
import type { MutateFrame } from '../../src/adapters/ws/frames';
import { makeApplication } from '../../src/application/make-application';
import { perWindow } from '../../src/application/ports';
import type { RateLimits } from '../../src/application/rate-limits';
import { buildMemoryApp } from '../support/memory-app';
import { startRedis } from '../harness/redis';
import { cheapHasher, fails, joinAs, ok, teamWithBoard, title } from '../unit/application/fixtures';

const limits: Partial<RateLimits> = {
  loginPerAccount: perWindow(10, 900),
  loginPerIp: perWindow(100, 900),
  mutationsPerUser: { capacity: 5, refillPerSecond: 2 },
};

const setUp = async () => {
  const world = buildMemoryApp({ passwords: cheapHasher(), rateLimits: limits });
  const team = await teamWithBoard(world.app);
  world.clock.advance(10_000);
  return { ...world, ...team };
};

describe('per-user mutation limits', () => {
  it('past the burst a REST-style mutation is refused as rate_limited with a retry time, until tokens refill', async () => {
    const { app, clock, owner, teamId, boardId } = await setUp();
    for (let i = 0; i < 5; i++) await ok(app.lists.create(owner, teamId, boardId, { title: title(`L${i}`) }, null));
    const refused = await fails(app.lists.create(owner, teamId, boardId, { title: title('one too many') }, null));
    expect(refused).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 1 });
    clock.advance(500);
    await ok(app.lists.create(owner, teamId, boardId, { title: title('after a pause') }, null));
  });

  it("one user's budget is theirs alone", async () => {
    const { app, owner, teamId, boardId } = await setUp();
    const bob = await joinAs(app, { owner, teamId, boardId }, 'Bob', 'member');
    for (let i = 0; i < 5; i++) await ok(app.lists.create(owner, teamId, boardId, { title: title(`L${i}`) }, null));
    const list = await ok(app.lists.create(bob, teamId, boardId, { title: title('Bob still can') }, null));
    expect(list.value.title).toBe('Bob still can');
  });

  it('reads are never limited', async () => {
    const { app, owner, teamId, boardId } = await setUp();
    for (let i = 0; i < 5; i++) await ok(app.lists.create(owner, teamId, boardId, { title: title(`L${i}`) }, null));
    const reads = await Promise.all(Array.from({ length: 20 }, () => ok(app.boards.get(owner, teamId, boardId))));
    expect(reads.every((snapshot) => snapshot.lists.length === 5)).toBe(true);
  });

  it('a WebSocket mutate past the budget is nacked rate_limited and may be retried with the same mid', async () => {
    const { app, clock, owner, teamId, boardId } = await setUp();
    const deps = { application: app, nacks: new NackMemory() };
    const frame = (mid: string): MutateFrame => ({
      type: 'mutate',
      mid,
      clientId: 'tab-1',
      teamId,
      boardId,
      op: { kind: 'list.create', title: `list ${mid}` },
    });
    for (let i = 0; i < 5; i++) expect(await handleMutate(deps, owner, frame(`m${i}`))).toMatchObject({ type: 'ack' });
    expect(await handleMutate(deps, owner, frame('m5'))).toMatchObject({
      type: 'nack',
      error: { code: 'rate_limited', retryable: true },
    });
    clock.advance(1000);
    expect(await handleMutate(deps, owner, frame('m5'))).toMatchObject({ type: 'ack' });
  });

  it('with the limiter in Redis unreachable, mutations go through (fail open) and the failure is counted', async () => {
    const world = await setUp();
    const server = await startRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
    const app = makeApplication({
      ...world.deps,
      rateLimiter: new RedisRateLimiter(redis, world.clock, pino({ level: 'silent' })),
    });
    try {
      await server.stop();
      for (let i = 0; i < 8; i++) {
        await ok(app.lists.create(world.owner, world.teamId, world.boardId, { title: title(`L${i}`) }, null));
      }
      const metrics = await client.register.getSingleMetricAsString('rate_limiter_errors_total');
      expect(metrics).toMatch(/rate_limiter_errors_total [1-9]/);
    } finally {
      redis.disconnect();
    }
  });
});
