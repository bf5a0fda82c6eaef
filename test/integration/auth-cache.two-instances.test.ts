import type { TestCluster } from '../harness/cluster';
import { startRedis, type RedisServer } from '../harness/redis';
import { startInstance, type Instance } from './realtime/instance';
import { seededCluster } from './support';

jest.setTimeout(60_000);

/**
 * Instances A and B share Postgres and Redis. Their authorization caches trust an entry for a minute,
 * so anything that takes effect on B within seconds of a change made on A was carried by the control
 * message. Instance C shares Postgres but has a Redis of its own: it never hears A's messages, and only
 * its short TTL can heal it.
 */
const SLOW_TTL = { AUTH_CACHE_TTL_MS: '60000' };
const SHORT_TTL_MS = 1_500;

let cluster: TestCluster;
let redis: RedisServer;
let deafRedis: RedisServer;
let a: Instance;
let b: Instance;
let c: Instance;

beforeAll(async () => {
  [cluster, redis, deafRedis] = await Promise.all([seededCluster({ shards: 2 }), startRedis(), startRedis()]);
  [a, b, c] = await Promise.all([
    startInstance(cluster, redis.url, 'a', SLOW_TTL),
    startInstance(cluster, redis.url, 'b', SLOW_TTL),
    startInstance(cluster, deafRedis.url, 'c', { AUTH_CACHE_TTL_MS: String(SHORT_TTL_MS) }),
  ]);
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop(), c.stop()]);
  await Promise.all([redis.stop(), deafRedis.stop()]);
  await cluster.stop();
});

const call = async (instance: Instance, method: string, path: string, token?: string, body?: unknown) => {
  const res = await fetch(`${instance.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: res.headers.get('set-cookie') ?? '' };
};

let people = 0;
const signUp = async (name: string) => {
  const email = `${name}-${Date.now()}-${(people += 1)}@example.com`;
  const res = await call(a, 'POST', '/auth/signup', undefined, { email, password: 'correct horse battery', name });
  expect(res.status).toBe(201);
  return {
    id: res.body.user.id as string,
    email,
    token: res.body.accessToken as string,
    cookie: res.cookie.split(';')[0]!,
  };
};

/** An owner's team with a board, and Bob in it with `role`. */
const teamWithBob = async (role: string) => {
  const owner = await signUp('owner');
  const bob = await signUp('bob');
  const team = (await call(a, 'POST', '/teams', owner.token, { name: 'Cache' })).body.team.id as string;
  const board = (await call(a, 'POST', `/teams/${team}/boards`, owner.token, { title: 'B' })).body.board.id as string;
  const invited = await call(a, 'POST', `/teams/${team}/invitations`, owner.token, { email: bob.email, role });
  expect(invited.status).toBe(201);
  const accepted = await call(a, 'POST', `/me/invitations/${invited.body.invitation.id}/accept`, bob.token);
  expect(accepted.status).toBe(200);
  return { owner, bob, team, board };
};

/** Polls `probe` until it answers `status`; gives up well inside the one-minute TTL. */
const becomes = async (status: number, probe: () => Promise<{ status: number }>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  let last = await probe();
  while (last.status !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await probe();
  }
  return last.status;
};

describe('a revocation made on one instance holds on the others', () => {
  it('a member removed on instance A is refused on instance B, which had just served them', async () => {
    const { owner, bob, team, board } = await teamWithBob('member');
    expect((await call(b, 'GET', `/teams/${team}/boards/${board}`, bob.token)).status).toBe(200);

    expect((await call(a, 'DELETE', `/teams/${team}/members/${bob.id}`, owner.token)).status).toBe(204);

    expect(await becomes(404, () => call(b, 'GET', `/teams/${team}/boards/${board}`, bob.token))).toBe(404);
    // And at once on the instance that made the change: it forgot before it answered.
    expect((await call(a, 'GET', `/teams/${team}/boards/${board}`, bob.token)).status).toBe(404);
  });

  it('an admin demoted to viewer on instance A can no longer add lists on instance B', async () => {
    const { owner, bob, team, board } = await teamWithBob('admin');
    const lists = `/teams/${team}/boards/${board}/lists`;
    expect((await call(b, 'POST', lists, bob.token, { title: 'Before' })).status).toBe(201);

    const demoted = await call(a, 'PATCH', `/teams/${team}/members/${bob.id}`, owner.token, { role: 'viewer' });
    expect(demoted.status).toBe(200);

    expect(await becomes(403, () => call(b, 'POST', lists, bob.token, { title: 'After' }))).toBe(403);
  });

  it('an access token logged out on instance A is refused on instance B', async () => {
    const bob = await signUp('bob');
    expect((await call(b, 'GET', '/me', bob.token)).status).toBe(200);

    const out = await fetch(`${a.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: bob.cookie, authorization: `Bearer ${bob.token}` },
    });
    expect(out.status).toBe(204);

    expect(await becomes(401, () => call(b, 'GET', '/me', bob.token))).toBe(401);
    expect((await call(a, 'GET', '/me', bob.token)).status).toBe(401);
  });

  it('signing out everywhere on instance A refuses the access token on instance B', async () => {
    const bob = await signUp('bob');
    expect((await call(b, 'GET', '/me', bob.token)).status).toBe(200);

    expect((await call(a, 'POST', '/auth/sessions/revoke-all', bob.token)).status).toBe(204);

    expect(await becomes(401, () => call(b, 'GET', '/me', bob.token))).toBe(401);
    expect((await call(a, 'GET', '/me', bob.token)).status).toBe(401);
  });
});

describe('an instance that missed the control message', () => {
  it('refuses a removed member once its short TTL has passed', async () => {
    const { owner, bob, team, board } = await teamWithBob('member');
    expect((await call(c, 'GET', `/teams/${team}/boards/${board}`, bob.token)).status).toBe(200);

    expect((await call(a, 'DELETE', `/teams/${team}/members/${bob.id}`, owner.token)).status).toBe(204);

    // C never hears A's Redis, so nothing but the TTL can heal it.
    expect(await becomes(404, () => call(c, 'GET', `/teams/${team}/boards/${board}`, bob.token), 10_000)).toBe(404);
  });
});
