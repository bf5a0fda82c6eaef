import pino from 'pino';
import { Redis } from 'ioredis';
import { RedisEventBus } from '../../src/adapters/redis/event-bus';
import type { BoardEventRecord, BoardId, CardId, ListId, TeamId, UserId } from '../../src/domain';
import { startRedis, type RedisServer } from '../harness/redis';
import { eventually as waitFor } from '../support/wait';

const TEAM = '0190a4b2-0000-7000-8000-00000000000a' as TeamId;
const BOARD = '0190a4b2-0000-7000-8000-00000000000b' as BoardId;
const logger = pino({ level: 'silent' });

const event = (seq: number): BoardEventRecord => ({
  kind: 'card.deleted',
  data: {
    cardId: '0190a4b2-0000-7000-8000-0000000000c1' as CardId,
    title: 'Card',
    listId: '0190a4b2-0000-7000-8000-0000000000d1' as ListId,
  },
  teamId: TEAM,
  boardId: BOARD,
  seq,
  actor: '0190a4b2-0000-7000-8000-0000000000e1' as UserId,
  origin: { clientId: 'tab', mid: `m${seq}` },
  at: '2025-01-15T09:00:00.000Z',
});

/** Polls until `check` passes (Redis delivery is asynchronous), failing after `ms`. */
const eventually = (check: () => void | Promise<void>, ms = 5000): Promise<void> => waitFor(check, ms, 20);

let redis: RedisServer;
const buses: RedisEventBus[] = [];
const bus = async () => {
  const b = new RedisEventBus({ url: redis.url, logger });
  buses.push(b);
  await b.ready();
  return b;
};

beforeEach(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  await redis.stop();
});

const subscriberCount = async (channel: string): Promise<number> => {
  const admin = new Redis(redis.url);
  const [, count] = (await admin.pubsub('NUMSUB', channel)) as [string, number];
  admin.disconnect();
  return Number(count);
};

describe('RedisEventBus', () => {
  it("two instances on one Redis see each other's events, each publisher's in its order", async () => {
    const a = await bus();
    const b = await bus();
    const seenByA: number[] = [];
    const seenByB: number[] = [];
    await a.subscribe(TEAM, BOARD, (e) => seenByA.push(e.seq))();
    await b.subscribe(TEAM, BOARD, (e) => seenByB.push(e.seq))();
    for (let seq = 1; seq <= 10; seq++) await a.publish(event(seq))();
    await eventually(() => expect(seenByB).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    for (let seq = 11; seq <= 20; seq++) await b.publish(event(seq))();
    await eventually(() => expect(seenByA).toEqual(Array.from({ length: 20 }, (_, i) => i + 1)));
  });

  it('an instance holds one Redis subscription per board however many local listeners it has', async () => {
    const a = await bus();
    const leaveOne = await a.subscribe(TEAM, BOARD, () => undefined)();
    const leaveTwo = await a.subscribe(TEAM, BOARD, () => undefined)();
    const channel = `br:board:${TEAM}:${BOARD}`;
    expect(await subscriberCount(channel)).toBe(1);
    leaveOne();
    expect(await subscriberCount(channel)).toBe(1);
    leaveTwo();
    await eventually(async () => expect(await subscriberCount(channel)).toBe(0));
  });

  it('with Redis down a publish neither throws nor hangs, and after Redis returns subscriptions resume with a resync', async () => {
    const a = await bus();
    const b = await bus();
    const seen: number[] = [];
    const resyncs: string[] = [];
    b.onResync((teamId, boardId) => resyncs.push(`${teamId}/${boardId}`));
    await b.subscribe(TEAM, BOARD, (e) => seen.push(e.seq))();
    await a.publish(event(1))();
    await eventually(() => expect(seen).toEqual([1]));

    await redis.stop();
    const started = Date.now();
    await expect(a.publish(event(2))()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(200);

    await redis.start();
    await eventually(() => expect(resyncs).toEqual([`${TEAM}/${BOARD}`]));
    await eventually(async () => {
      await a.publish(event(3))();
      expect(seen).toContain(3);
    });
    expect(seen).not.toContain(2);
  });

  it('an event on the bus that does not decode is ignored, and an unversioned one is upcast', async () => {
    const a = await bus();
    const seen: BoardEventRecord[] = [];
    await a.subscribe(TEAM, BOARD, (e) => void seen.push(e))();
    const channel = `br:board:${TEAM}:${BOARD}`;
    const admin = new Redis(redis.url);
    const { origin: _origin, ...unversioned } = event(2);
    await admin.publish(channel, JSON.stringify({ ...event(1), v: 2, data: { cardId: 'not-a-uuid' } }));
    await admin.publish(channel, JSON.stringify(unversioned));
    admin.disconnect();
    await eventually(() => expect(seen).toEqual([{ ...event(2), origin: null }]));
  });
});
