import WebSocket from 'ws';
import { TOKENS } from '../../src/adapters/tokens';
import type { ControlMessage } from '../../src/application/ports';
import { asUuid, type Role } from '../../src/domain';
import type { TestCluster } from '../harness/cluster';
import { startRedis, type RedisServer } from '../harness/redis';
import { startInstance, type Instance } from './realtime/instance';
import { must, seededCluster, seedTeam, type SeededTeam } from './support';

jest.setTimeout(60_000);

let cluster: TestCluster;
let redis: RedisServer;
let a: Instance;
let b: Instance;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  [cluster, redis] = await Promise.all([seededCluster({ shards: 2 }), startRedis()]);
  [a, b] = await Promise.all([startInstance(cluster, redis.url, 'a'), startInstance(cluster, redis.url, 'b')]);
});
afterEach(() => sockets.splice(0).forEach((ws) => ws.terminate()));
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  await redis.stop();
  await cluster.stop();
});

type Frame = Record<string, unknown> & { type: string };

const until = async (what: string, done: () => boolean, ms = 5_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A socket on `instance`, authenticated with `token`, that records every frame and its close code. */
const open = async (instance: Instance, token: string) => {
  const ws = new WebSocket(instance.wsUrl);
  sockets.push(ws);
  const frames: Frame[] = [];
  let closeCode: number | null = null;
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Frame));
  ws.on('close', (code) => (closeCode = code));
  await new Promise((resolve) => ws.once('open', resolve));
  const client = {
    frames,
    closeCode: () => closeCode,
    send: (frame: unknown) => ws.send(JSON.stringify(frame)),
    wait: (type: string, count = 1) => until(type, () => frames.filter((f) => f.type === type).length >= count),
  };
  client.send({ type: 'auth', token });
  await client.wait('ready');
  return client;
};
type Client = Awaited<ReturnType<typeof open>>;

const watch = async (instance: Instance, token: string, team: SeededTeam): Promise<Client> => {
  const client = await open(instance, token);
  client.send({ type: 'subscribe', teamId: team.teamId, boardId: team.boardId });
  await client.wait('subscribed');
  return client;
};

const publishOn = (instance: Instance, message: ControlMessage) =>
  instance.running.container.get(TOKENS.Control).publish(message)();

const familyOf = async (token: string) =>
  (await must(a.running.container.get(TOKENS.AccessTokens).verify(token, new Date()))).familyId;

let users = 0;
const fresh = () => `user${++users}-${Date.now()}`;

describe('sockets follow their session across instances', () => {
  it("revoking one session on instance B closes that session's socket on instance A and leaves the other session's open", async () => {
    const name = fresh();
    const team = await seedTeam(a.application, name, 1);
    const login = await must(
      a.application.auth.logIn({ email: `${name}@example.com`, password: 'correct horse battery' }),
    );
    const first = await watch(a, team.token, team);
    const second = await watch(a, login.accessToken, team);

    await publishOn(b, { type: 'session.revoked', userId: asUuid(team.userId), familyId: await familyOf(team.token) });

    await until('the first socket to close', () => first.closeCode() !== null);
    expect(first.closeCode()).toBe(4401);
    second.send({ type: 'ping' });
    await second.wait('pong');
    expect(second.closeCode()).toBeNull();
  });

  it('a role change on instance B is told to the member’s socket on instance A, which stays open and acts with the new role', async () => {
    const owner = await seedTeam(a.application, fresh(), 1);
    const bobName = fresh();
    const bob = await seedTeam(a.application, bobName, 0);
    const ownerActor = { userId: asUuid(owner.userId) };
    const teamId = asUuid(owner.teamId);
    const teams = b.running.container.get(TOKENS.Teams);
    const bobId = asUuid(bob.userId);
    await must(teams.addMember({ teamId, userId: bobId, role: 'member', addedAt: new Date().toISOString() }));
    const socket = await watch(a, bob.token, owner);
    const role: Role = 'viewer';
    await must(teams.changeMembership(teamId, ownerActor.userId, bobId, { kind: 'role', role }));

    await publishOn(b, { type: 'member.role_changed', teamId, userId: asUuid(bob.userId), role });

    await socket.wait('membership');
    expect(socket.frames.find((f) => f.type === 'membership')).toEqual({ type: 'membership', teamId, role });
    socket.send({
      type: 'mutate',
      mid: 'm1',
      clientId: 'tab-1',
      teamId,
      boardId: owner.boardId,
      op: { kind: 'list.create', title: 'Not any more' },
    });
    await socket.wait('nack');
    expect(socket.frames.find((f) => f.type === 'nack')).toMatchObject({
      mid: 'm1',
      error: { code: 'insufficient_role' },
    });
    expect(socket.closeCode()).toBeNull();
  });
});

describe('text Postgres cannot store', () => {
  it.each([
    ['a NUL', { kind: 'list.create', title: 'a\u0000b' }],
    ['a lone surrogate', { kind: 'list.create', title: 'a\ud800b' }],
  ])('a mutate with %s over a socket on Postgres shards is nacked bad_input with its mid', async (_what, op) => {
    const team = await seedTeam(a.application, fresh(), 0);
    const socket = await open(a, team.token);
    socket.send({ type: 'mutate', mid: 'm1', clientId: 'tab-1', teamId: team.teamId, boardId: team.boardId, op });
    await until('an answer', () => socket.frames.some((f) => f.type === 'nack' || f.type === 'error'));
    expect(socket.frames.filter((f) => f.type !== 'ready')).toEqual([
      expect.objectContaining({ type: 'nack', mid: 'm1', error: expect.objectContaining({ code: 'bad_input' }) }),
    ]);
  });
});
