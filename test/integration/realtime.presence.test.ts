import pino from 'pino';
import { RedisPresenceBus } from '../../src/adapters/redis/presence-bus';
import { asUuid, Email, Password, PersonName, type Role } from '../../src/domain';
import type { TestCluster } from '../harness/cluster';
import { startRedis, type RedisServer } from '../harness/redis';
import { startInstance, type Instance } from './realtime/instance';
import { PresenceClient } from './realtime/presence-client';
import { must, seededCluster, seedTeam, type SeededTeam } from './support';

jest.setTimeout(120_000);

/**
 * Presence across two instances (A and B) sharing Postgres shards and Redis, as `npm start` wires
 * them. Expiries are shortened per test so that what vanishes by expiry and what vanishes at once can
 * be told apart without waiting 15 seconds.
 */
let cluster: TestCluster;
let redis: RedisServer;
let instances: Instance[] = [];
const clients: PresenceClient[] = [];

beforeAll(async () => {
  [cluster, redis] = await Promise.all([seededCluster({ shards: 2 }), startRedis()]);
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(instances.splice(0).map((i) => i.stop()));
});
afterAll(async () => {
  await redis.stop();
  await cluster.stop();
});

const startPair = async (ttlMs: number) => {
  const env = { PRESENCE_TTL_MS: String(ttlMs), PRESENCE_HEARTBEAT_MS: '100' };
  instances = await Promise.all(['a', 'b'].map((name) => startInstance(cluster, redis.url, name, env)));
  return instances as [Instance, Instance];
};

/** A second person in the board's team, signed up and accepted through the use cases. */
const teammate = async (instance: Instance, board: SeededTeam, name: string, role: Role = 'member') => {
  const app = instance.application;
  const email = `${name.toLowerCase()}-${Date.now()}@example.com`;
  const session = await must(
    app.auth.signUp({
      email: email as Email,
      password: 'correct horse battery' as Password,
      name: name as PersonName,
    }),
  );
  const owner = { userId: asUuid(board.userId) };
  const invitation = await must(app.invitations.invite(owner, asUuid(board.teamId), { email: email as Email, role }));
  await must(app.invitations.accept({ userId: session.user.id }, invitation.id));
  return { token: session.accessToken, userId: session.user.id };
};

const open = async (instance: Instance, token: string, board: SeededTeam) => {
  const client = await PresenceClient.open(instance.wsUrl, token, board.teamId, board.boardId);
  clients.push(client);
  return client;
};

let boards = 0;
const seeded = (instance: Instance) => seedTeam(instance.application, `ann${Date.now()}x${(boards += 1)}`, 3, ['Todo']);

describe('presence across two instances over Redis', () => {
  it('a viewer on B sees a viewer on A with the card A has open, for as long as A stays (heartbeats outlive expiries)', async () => {
    const [a, b] = await startPair(600);
    const board = await seeded(a);
    const bea = await teammate(a, board, 'Bea');
    const onA = await open(a, board.token, board);
    const onB = await open(b, bea.token, board);
    onA.announce(board.cards[0]);
    onB.announce();
    await onB.until(() => onB.names().length === 2);
    expect(onB.viewers).toContainEqual({ userId: board.userId, name: expect.any(String), editing: board.cards[0] });
    expect(onB.viewers).toContainEqual({ userId: bea.userId, name: 'Bea', editing: null });
    await onA.until(() => onA.names().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // A change on B makes B read the board afresh: A's entry, two expiries old by now, is still there.
    onB.announce(board.cards[1]);
    await onB.until(() => onB.viewers?.some((v) => v.editing === board.cards[1]) ?? false);
    expect(onB.viewers?.map((v) => v.userId).sort()).toEqual([board.userId, bea.userId].sort());
    onA.announce(null);
    await onB.until(() => onB.viewers?.find((v) => v.userId === board.userId)?.editing === null);
  });

  it("a socket closed on A is gone from B's list at once, long before its entry would expire", async () => {
    const [a, b] = await startPair(60_000);
    const board = await seeded(a);
    const bea = await teammate(a, board, 'Bea');
    const onA = await open(a, board.token, board);
    const onB = await open(b, bea.token, board);
    onA.announce();
    onB.announce();
    await onB.until(() => onB.names().length === 2);
    onA.close();
    await onB.until(() => onB.names().join() === 'Bea', 5_000);
  });

  it("a crashed instance's viewers vanish from B by expiry, with no one removing them", async () => {
    const [a, b] = await startPair(60_000);
    const board = await seeded(a);
    const bea = await teammate(a, board, 'Bea');
    const onB = await open(b, bea.token, board);
    onB.announce();
    await onB.until(() => onB.names().join() === 'Bea');
    // Instance C writes one entry and dies: no heartbeat, no removal. Its own expiry is short.
    const crashed = new RedisPresenceBus({ url: redis.url, logger: pino({ level: 'silent' }), ttlMs: 800 });
    await crashed.ready();
    const ghost = { teamId: asUuid(board.teamId), boardId: asUuid(board.boardId), connectionId: 'c:1' };
    await must(crashed.put([{ ...ghost, userId: asUuid(board.userId), name: 'Ann', editing: null, changedAt: 1 }]));
    await crashed.close();
    await onB.until(() => onB.names().length === 2);
    await onB.until(() => onB.names().join() === 'Bea', 5_000);
  });

  it('a socket on another board hears nothing of this one and cannot announce on it', async () => {
    const [a, b] = await startPair(60_000);
    const board = await seeded(a);
    const other = await seeded(a);
    const onA = await open(a, board.token, board);
    onA.announce();
    await onA.until(() => onA.names().length === 1);
    const outsider = await open(b, other.token, other);
    outsider.announce();
    await outsider.until(() => outsider.names().length === 1);
    // The outsider names the first board in its frame: refused, as it is not subscribed there (nor a member).
    outsider.announceOn(board.teamId, board.boardId, null);
    await outsider.until(() => outsider.errors.length > 0);
    expect(outsider.errors[0]).toContain('not_subscribed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onA.names()).toHaveLength(1);
    expect(outsider.viewers?.map((v) => v.userId)).toEqual([other.userId]);
  });
});
