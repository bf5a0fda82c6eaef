import WebSocket from 'ws';
import type { TestCluster } from '../harness/cluster';
import { startRedis, type RedisServer } from '../harness/redis';
import { startInstance, type Instance } from './realtime/instance';
import { seededCluster } from './support';

let cluster: TestCluster;
let redis: RedisServer;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  [cluster, redis] = await Promise.all([seededCluster({ shards: 2 }), startRedis()]);
  [a, b] = await Promise.all([startInstance(cluster, redis.url, 'a'), startInstance(cluster, redis.url, 'b')]);
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  await redis.stop();
  await cluster.stop();
});

const call = async (
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: res.headers.get('set-cookie') ?? '' };
};

const signUp = async (name: string) => {
  const res = await call(a.url, 'POST', '/auth/signup', {
    email: `${name}-${Date.now()}@example.com`,
    password: 'correct horse battery',
    name,
  });
  return { id: res.body.user.id as string, token: res.body.accessToken as string, cookie: res.cookie.split(';')[0]! };
};

/** A socket on instance A subscribed to the board; resolves with its close code. */
const watch = (token: string, teamId: string, boardId: string) =>
  new Promise<{ subscribed: Promise<void>; closed: Promise<number> }>((resolve) => {
    const ws = new WebSocket(a.url.replace('http', 'ws') + '/ws');
    let onSubscribed: () => void = () => undefined;
    const subscribed = new Promise<void>((r) => (onSubscribed = r));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === 'ready') ws.send(JSON.stringify({ type: 'subscribe', teamId, boardId }));
      if (frame.type === 'snapshot' || frame.type === 'subscribed') onSubscribed();
    });
    resolve({ subscribed, closed });
  });

describe('access changes reach sockets on every instance', () => {
  it("removing a member on instance B closes the member's socket on instance A with 4403", async () => {
    const owner = await signUp('owner');
    const bob = await signUp('bob');
    const auth = { authorization: `Bearer ${owner.token}` };
    const team = (await call(a.url, 'POST', '/teams', { name: 'Control' }, auth)).body.team.id;
    const board = (await call(a.url, 'POST', `/teams/${team}/boards`, { title: 'B' }, auth)).body.board.id;
    const bobEmail = (await call(a.url, 'GET', '/me', undefined, { authorization: `Bearer ${bob.token}` })).body.user
      .email;
    const invited = await call(a.url, 'POST', `/teams/${team}/invitations`, { email: bobEmail, role: 'member' }, auth);
    expect(invited.status).toBe(201);
    const bobAuth = { authorization: `Bearer ${bob.token}` };
    const accepted = await call(
      b.url,
      'POST',
      `/me/invitations/${invited.body.invitation.id}/accept`,
      undefined,
      bobAuth,
    );
    expect(accepted.status).toBe(200);
    const socket = await watch(bob.token, team, board);
    await socket.subscribed;

    const removed = await call(b.url, 'DELETE', `/teams/${team}/members/${bob.id}`, undefined, auth);

    expect(removed.status).toBe(204);
    expect(await socket.closed).toBe(4403);
  });

  it("logging out on instance B closes the user's socket on instance A with 4401", async () => {
    const owner = await signUp('leaver');
    const auth = { authorization: `Bearer ${owner.token}` };
    const team = (await call(a.url, 'POST', '/teams', { name: 'Bye' }, auth)).body.team.id;
    const board = (await call(a.url, 'POST', `/teams/${team}/boards`, { title: 'B' }, auth)).body.board.id;
    const socket = await watch(owner.token, team, board);
    await socket.subscribed;

    const out = await call(b.url, 'POST', '/auth/logout', undefined, { cookie: owner.cookie });

    expect(out.status).toBe(204);
    expect(await socket.closed).toBe(4401);
  });
});

type Notified = { id: string; kind: string; title: string };
type ReadFrame = { ids?: string[]; all?: true; unread: number };

/** A socket on an instance (A unless told) that only authenticates; resolves its first notification and read frames. */
const inboxSocket = (token: string, base = a.url) =>
  new Promise<{ ready: Promise<void>; notified: Promise<Notified>; read: Promise<ReadFrame>; close: () => void }>(
    (resolve) => {
      const ws = new WebSocket(base.replace('http', 'ws') + '/ws');
      let onReady: () => void = () => undefined;
      let onNotified: (n: Notified) => void = () => undefined;
      let onRead: (f: ReadFrame) => void = () => undefined;
      const ready = new Promise<void>((r) => (onReady = r));
      const notified = new Promise<Notified>((r) => (onNotified = r));
      const read = new Promise<ReadFrame>((r) => (onRead = r));
      ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
      ws.on('message', (raw) => {
        const frame = JSON.parse(String(raw));
        if (frame.type === 'ready') onReady();
        if (frame.type === 'notification') onNotified(frame.notification);
        if (frame.type === 'notifications.read') onRead(frame);
      });
      resolve({ ready, notified, read, close: () => ws.close() });
    },
  );

describe('notifications reach the person on every instance', () => {
  it('an invitation made on instance B reaches the invitee’s board-less socket on instance A over Redis', async () => {
    const owner = await signUp('owner');
    const bob = await signUp('bob');
    const auth = { authorization: `Bearer ${owner.token}` };
    const socket = await inboxSocket(bob.token);
    await socket.ready;
    const team = (await call(b.url, 'POST', '/teams', { name: 'Across instances' }, auth)).body.team.id;
    const bobEmail = (await call(a.url, 'GET', '/me', undefined, { authorization: `Bearer ${bob.token}` })).body.user
      .email;
    const invited = await call(b.url, 'POST', `/teams/${team}/invitations`, { email: bobEmail, role: 'member' }, auth);
    expect(invited.status).toBe(201);
    const notification = await socket.notified;
    expect(notification).toMatchObject({ kind: 'invited', title: 'Across instances' });
    socket.close();
  });

  it('marking read over REST on instance B tells the person’s tabs on both instances, with the unread count', async () => {
    const owner = await signUp('owner');
    const bob = await signUp('bob');
    const auth = { authorization: `Bearer ${owner.token}` };
    const bobAuth = { authorization: `Bearer ${bob.token}` };
    const [onA, onB] = await Promise.all([inboxSocket(bob.token), inboxSocket(bob.token, b.url)]);
    await Promise.all([onA.ready, onB.ready]);
    const team = (await call(b.url, 'POST', '/teams', { name: 'Read across' }, auth)).body.team.id;
    const bobEmail = (await call(a.url, 'GET', '/me', undefined, bobAuth)).body.user.email;
    await call(b.url, 'POST', `/teams/${team}/invitations`, { email: bobEmail, role: 'member' }, auth);
    const { id } = await onA.notified;

    const marked = await call(b.url, 'POST', '/me/notifications/read', { ids: [id] }, bobAuth);

    expect(marked.body).toEqual({ unread: 0 });
    expect(await onA.read).toEqual({ type: 'notifications.read', ids: [id], unread: 0 });
    expect(await onB.read).toEqual({ type: 'notifications.read', ids: [id], unread: 0 });
    onA.close();
    onB.close();
  });
});
