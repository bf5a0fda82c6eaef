import { BoardEngine } from '../../src/application/engine/board-engine';
import type { Express } from 'express';
import { isRight } from 'fp-ts/Either';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp } from '../../src/adapters/http/app';
import type { TeamId } from '../../src/domain';
import { makeApplication } from '../../src/application/make-application';
import { DEFAULT_RATE_LIMITS } from '../../src/application/rate-limits';
import { bearer, createTeam, signUp, type TestUser } from '../api/helpers';
import { buildMemoryApp } from '../support/memory-app';
import { closePostgresPorts, openPostgresPorts, type PostgresPorts } from '../support/postgres-app';

afterAll(closePostgresPorts);

// One owner seeds dozens of teams as fast as it can; the per-user mutation limit is not under test here.
const rateLimits = { ...DEFAULT_RATE_LIMITS, mutationsPerUser: { capacity: 100_000, refillPerSecond: 100_000 } };

const httpOver = (pg: PostgresPorts): Express => {
  const memory = buildMemoryApp({ rateLimits });
  const app = makeApplication({
    ...memory.deps,
    users: pg.users,
    teams: pg.teams,
    boards: pg.boards,
    engine: new BoardEngine(pg.boards),
  });
  return createHttpApp(app, { allowedOrigins: [], cookieSecure: false, logger: pino({ level: 'silent' }) });
};

/** A team with a board, a list and a card, made through the API; answers the ids. */
const seedTeam = async (http: Express, owner: TestUser, name: string) => {
  const team = await createTeam(http, owner, name);
  const board = await request(http).post(`/api/teams/${team}/boards`).set(bearer(owner)).send({ title: name });
  const base = `/api/teams/${team}/boards/${board.body.board.id}`;
  const list = await request(http).post(`${base}/lists`).set(bearer(owner)).send({ title: 'To Do' });
  const card = await request(http)
    .post(`${base}/cards`)
    .set(bearer(owner))
    .send({ listId: list.body.list.id, title: 'x' });
  expect(card.status).toBe(201);
  return { team, board: board.body.board.id as string, base };
};

const shardOf = async (pg: PostgresPorts, team: string): Promise<string> => {
  const placement = await pg.rt.router.where(team as TeamId)();
  if (!isRight(placement)) throw new Error(placement.left.message);
  return placement.right.shardId;
};

describe('teams spread over the shards', () => {
  it("puts each team's rows on exactly one shard, the one its placement names, and uses every shard", async () => {
    const pg = await openPostgresPorts({ shards: 3 });
    const http = httpOver(pg);
    const owner = await signUp(http, 'Spread');
    const teams = [];
    for (let i = 0; i < 24; i++) teams.push((await seedTeam(http, owner, `Team ${i}`)).team);

    const holders = new Map<string, string[]>();
    for (const [id, pool] of pg.rt.shards) {
      const { rows } = await pool.query<{ team_id: string }>(
        `SELECT team_id FROM boards UNION SELECT team_id FROM lists UNION SELECT team_id FROM cards
         UNION SELECT team_id FROM board_events UNION SELECT team_id FROM tenant_fence`,
      );
      for (const r of rows) holders.set(r.team_id, [...(holders.get(r.team_id) ?? []), id]);
    }

    for (const team of teams) expect(holders.get(team)).toEqual([await shardOf(pg, team)]);
    expect(new Set([...holders.values()].flat())).toEqual(new Set(['shard-0', 'shard-1', 'shard-2']));
  });
});

describe('a shard that goes down', () => {
  it('answers 503 with Retry-After for its teams within 2 s, keeps the others working, and recovers on restart', async () => {
    const pg = await openPostgresPorts({ shards: 2, dedicatedShardServers: true });
    const http = httpOver(pg);
    const owner = await signUp(http, 'Outage');
    const seeded = new Map<string, Awaited<ReturnType<typeof seedTeam>>>();
    for (let i = 0; seeded.size < 2 && i < 40; i++) {
      const t = await seedTeam(http, owner, `Team ${i}`);
      const shard = await shardOf(pg, t.team);
      if (!seeded.has(shard)) seeded.set(shard, t);
    }
    const down = seeded.get('shard-0')!;
    const up = seeded.get('shard-1')!;
    const server = pg.cluster.shards.find((s) => s.id === 'shard-0')!.server!;

    await server.stop();
    const started = performance.now();
    const refused = await request(http).get(down.base).set(bearer(owner));
    const elapsedMs = performance.now() - started;
    const write = await request(http).post(`${down.base}/lists`).set(bearer(owner)).send({ title: 'Lost?' });
    const other = await request(http).post(`${up.base}/lists`).set(bearer(owner)).send({ title: 'Still fine' });

    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body.error.code).toBe('unavailable');
    expect(elapsedMs).toBeLessThan(2000);
    expect(write.status).toBe(503);
    expect(other.status).toBe(201);

    await server.start();
    const back = await request(http).get(down.base).set(bearer(owner));
    expect(back.status).toBe(200);
    expect(back.body.lists.map((l: { title: string }) => l.title)).toEqual(['To Do']);
  });
});
