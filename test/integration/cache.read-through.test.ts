import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { configFromEnv } from '../../src/adapters/config/config';
import { RedisReadCache } from '../../src/adapters/redis/cache';
import { openPostgres, type PostgresRuntime } from '../../src/adapters/storage/postgres-runtime';
import { TOKENS } from '../../src/adapters/tokens';
import { buildContainer, postgresModule } from '../../src/composition-root';
import { startRedis, type RedisServer } from '../harness/redis';
import { call, PASSWORD, seedBoard } from '../faults/support/api';
import { JWT_SECRET, startInProcess, startStack, type InProcess, type Stack } from '../faults/support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let a: InProcess;
let b: InProcess;

beforeAll(async () => {
  stack = await startStack({ shards: 2 });
  [a, b] = await Promise.all([startInProcess(stack), startInProcess(stack)]);
});

afterAll(async () => {
  await Promise.all([a?.server.stop(), b?.server.stop()]);
  await stack?.stop();
});

const cacheHits = async (i: InProcess): Promise<number> => {
  const text = await (await fetch(`${i.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('cache_requests_total{result="hit"}'));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
};

const boardTitles = async (i: InProcess, token: string, teamId: string) => {
  const res = await call(i.url, 'GET', `/api/teams/${teamId}/boards`, { token });
  expect(res.status).toBe(200);
  return (res.body.boards as { title: string }[]).map((x) => x.title);
};

const teamIds = async (i: InProcess, token: string) => {
  const res = await call(i.url, 'GET', '/api/teams', { token });
  expect(res.status).toBe(200);
  return (res.body.teams as { team?: { id: string }; id?: string }[]).map((x) => x.team?.id ?? x.id);
};

const signUp = async (i: InProcess, name: string) => {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const res = await call(i.url, 'POST', '/api/auth/signup', { body: { email, password: PASSWORD, name } });
  return { email, token: res.body.accessToken as string };
};

describe('the read cache shared by instances', () => {
  it('serves repeated board lists from the cache, and never the old title after a rename on another instance', async () => {
    const s = await seedBoard(a.url, 'Cachet');
    const hitsBefore = await cacheHits(a);
    expect(await boardTitles(a, s.token, s.teamId)).toEqual(['Ops']);
    expect(await boardTitles(a, s.token, s.teamId)).toEqual(['Ops']);
    expect(await cacheHits(a)).toBeGreaterThan(hitsBefore);

    for (let round = 1; round <= 5; round++) {
      const renamed = await call(b.url, 'PATCH', s.boardPath, { token: s.token, body: { title: `Ops ${round}` } });
      expect(renamed.status).toBe(200);
      expect(await boardTitles(a, s.token, s.teamId)).toEqual([`Ops ${round}`]);
      const board = await call(a.url, 'GET', s.boardPath, { token: s.token });
      expect((board.body.board as { title: string }).title).toBe(`Ops ${round}`);
    }
  });

  it("shows a member's new team at once on another instance, and drops it once they are removed", async () => {
    const owner = await seedBoard(a.url, 'Owner');
    const guest = await signUp(a, 'Guest');
    expect(await teamIds(a, guest.token)).toEqual([]);

    const invited = await call(b.url, 'POST', `/api/teams/${owner.teamId}/invitations`, {
      token: owner.token,
      body: { email: guest.email, role: 'member' },
    });
    expect(invited.status).toBe(201);
    const invitationId = (invited.body.invitation as { id: string }).id;
    const accepted = await call(b.url, 'POST', `/api/me/invitations/${invitationId}/accept`, { token: guest.token });
    expect(accepted.status).toBe(200);
    expect(await teamIds(a, guest.token)).toEqual([owner.teamId]);

    const me = await call(a.url, 'GET', '/api/me', { token: guest.token });
    const guestId = (me.body.user as { id: string }).id;
    const removed = await call(b.url, 'DELETE', `/api/teams/${owner.teamId}/members/${guestId}`, {
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    expect(await teamIds(a, guest.token)).toEqual([]);
  });
});

/**
 * The cache on a Redis of its own, so it can be stopped while everything else keeps working (in
 * production a Redis outage also refuses requests at the token denylist; that is not the cache's doing).
 */
describe('the read cache when its Redis is down', () => {
  let cacheRedis: RedisServer;
  let caches: RedisReadCache[];
  let runtimes: PostgresRuntime[];
  let apps: Express[];

  beforeAll(async () => {
    cacheRedis = await startRedis();
    const config = configFromEnv(stack.env);
    caches = [0, 1].map(() => new RedisReadCache({ url: cacheRedis.url, logger: pino({ level: 'silent' }) }));
    runtimes = [0, 1].map(() => openPostgres(config.catalogUrl as string, config.shardUrls));
    apps = [0, 1].map((i) =>
      buildContainer({
        config,
        jwtSecret: JWT_SECRET,
        logger: pino({ level: 'silent' }),
        storage: postgresModule(runtimes[i] as PostgresRuntime),
        readCache: caches[i] as RedisReadCache,
      }).get(TOKENS.HttpApp),
    );
  });

  afterAll(async () => {
    await Promise.all([...caches.map((c) => c.close()), ...runtimes.map((r) => r.close())]);
    await cacheRedis.stop();
  });

  const titles = async (app: Express, token: string, teamId: string) => {
    const res = await request(app).get(`/api/teams/${teamId}/boards`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return (res.body.boards as { title: string }[]).map((x) => x.title);
  };

  it('reads come from the database and stay right, and nothing stale comes back once it is up', async () => {
    const [one, two] = apps as [Express, Express];
    const s = await seedBoard(a.url, 'Downey');
    const rename = (app: Express, title: string) =>
      request(app).patch(s.boardPath).set('Authorization', `Bearer ${s.token}`).send({ title });
    expect(await titles(one, s.token, s.teamId)).toEqual(['Ops']);
    expect(await titles(one, s.token, s.teamId)).toEqual(['Ops']);

    await cacheRedis.stop();
    try {
      expect((await rename(two, 'While down')).status).toBe(200);
      expect(await titles(one, s.token, s.teamId)).toEqual(['While down']);
      expect(await titles(two, s.token, s.teamId)).toEqual(['While down']);
    } finally {
      await cacheRedis.start();
    }
    // Whatever either instance cached or failed to invalidate before, the latest title wins from now on.
    for (let i = 0; i < 20; i++) {
      expect(await titles(i % 2 ? one : two, s.token, s.teamId)).toEqual(['While down']);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await rename(one, 'After')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect(await titles(i % 2 ? one : two, s.token, s.teamId)).toEqual(['After']);
  });
});
