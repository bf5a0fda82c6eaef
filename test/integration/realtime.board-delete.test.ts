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

const call = async (base: string, method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

/** A socket on instance A subscribed to the board; resolves with the frames it gets once subscribed. */
const watch = (token: string, teamId: string, boardId: string) =>
  new Promise<{ frames: unknown[]; ws: WebSocket }>((resolve) => {
    const ws = new WebSocket(a.url.replace('http', 'ws') + '/ws');
    const frames: unknown[] = [];
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      frames.push(frame);
      if (frame.type === 'ready') ws.send(JSON.stringify({ type: 'subscribe', teamId, boardId }));
      if (frame.type === 'subscribed') resolve({ frames, ws });
    });
  });

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('a board deleted on one instance', () => {
  it('is dropped on the other: its sockets there are told it is gone, and writes there answer 404', async () => {
    const signed = await fetch(`${a.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `del-${Date.now()}@example.com`, password: 'correct horse battery', name: 'O' }),
    });
    const token = ((await signed.json()) as { accessToken: string }).accessToken;
    const team = (await call(a.url, 'POST', '/teams', token, { name: 'Delete' })).body.team.id as string;
    const board = (await call(a.url, 'POST', `/teams/${team}/boards`, token, { title: 'B' })).body.board.id as string;
    // Instance A holds the board in its engine, and a socket there watches it.
    expect((await call(a.url, 'POST', `/teams/${team}/boards/${board}/lists`, token, { title: 'L' })).status).toBe(201);
    const { frames, ws } = await watch(token, team, board);

    expect((await call(b.url, 'DELETE', `/teams/${team}/boards/${board}`, token)).status).toBe(204);

    const gone = (f: unknown) => (f as { error?: { code?: string } }).error?.code === 'board_deleted';
    await until(() => frames.some(gone));
    expect(frames.find(gone)).toMatchObject({ type: 'error', teamId: team, boardId: board });
    expect((await call(a.url, 'POST', `/teams/${team}/boards/${board}/lists`, token, { title: 'X' })).status).toBe(404);
    expect((await call(a.url, 'GET', `/teams/${team}/boards/${board}`, token)).status).toBe(404);
    ws.close();
  });
});
