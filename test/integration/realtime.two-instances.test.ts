import type { Application } from '../../src/application/api';
import type { TestCluster } from '../harness/cluster';
import { startRedis, type RedisServer } from '../harness/redis';
import { BoardClient } from './realtime/board-client';
import { startInstance, type Instance } from './realtime/instance';
import { must, seededCluster, seedTeam, type SeededTeam } from './support';
import { asUuid } from '../../src/domain';

jest.setTimeout(120_000);

const boardSeq = async (app: Application, b: SeededTeam): Promise<number> => {
  const auth = await must(app.auth.authenticate(b.token));
  return (await must(app.boards.get(auth, asUuid(b.teamId), asUuid(b.boardId)))).seq;
};

/** Every seq from the subscription point to `final`, once each, in order. */
const expectComplete = (client: BoardClient, from: number, final: number) => {
  expect(client.violations).toEqual([]);
  expect(client.applied).toEqual(Array.from({ length: final - from }, (_, i) => from + 1 + i));
};

const randomMove = (b: SeededTeam, i: number) => ({
  kind: 'card.move',
  cardId: b.cards[Math.floor(Math.random() * b.cards.length)],
  toListId: b.lists[i % 2],
});

let cluster: TestCluster;
let redis: RedisServer;
let a: Instance;
let b: Instance;
const clients: BoardClient[] = [];

beforeAll(async () => {
  [cluster, redis] = await Promise.all([seededCluster({ shards: 2 }), startRedis()]);
});
beforeEach(async () => {
  await redis.start();
  [a, b] = await Promise.all([startInstance(cluster, redis.url, 'a'), startInstance(cluster, redis.url, 'b')]);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all([a.stop(), b.stop()]);
});
afterAll(async () => {
  await redis.stop();
  await cluster.stop();
});

const client = async (board: SeededTeam, id: string, url: () => string) => {
  const c = new BoardClient(id, board.token, board.teamId, board.boardId, url);
  clients.push(c);
  await c.connect();
  return c;
};

describe('real time across two instances on shared Postgres shards and Redis', () => {
  it('a client on instance A sees a move made on instance B', async () => {
    const board = await seedTeam(a.application, 'ann', 10, ['Todo', 'Done']);
    const watcher = await client(board, 'watcher', () => a.wsUrl);
    const mover = await client(board, 'mover', () => b.wsUrl);
    const answer = await mover.mutate({ kind: 'card.move', cardId: board.cards[0], toListId: board.lists[1] });
    expect(answer).toMatchObject({ type: 'ack', seq: 14 });
    await watcher.until(() => watcher.lastSeq === 14);
    expectComplete(watcher, 13, 14);
  });

  it('500 moves from 5 clients on both instances reach every subscriber in the same gap-free order', async () => {
    const board = await seedTeam(b.application, 'bea', 10, ['Todo', 'Done']);
    const start = await boardSeq(a.application, board);
    const movers = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => client(board, `mover-${i}`, () => (i % 2 ? b.wsUrl : a.wsUrl))),
    );
    const watchers = await Promise.all([
      client(board, 'watch-a', () => a.wsUrl),
      client(board, 'watch-b', () => b.wsUrl),
    ]);
    await Promise.all(
      movers.map(async (m, i) => {
        for (let n = 0; n < 100; n++) expect(await m.mutate(randomMove(board, i + n))).toMatchObject({ type: 'ack' });
      }),
    );
    const final = await boardSeq(b.application, board);
    expect(final).toBe(start + 500);
    for (const c of [...movers, ...watchers]) {
      await c.until(() => c.lastSeq === final);
      expectComplete(c, start, final);
    }
  });

  it('with Redis killed mid-stream writes keep succeeding and every client catches up when it returns', async () => {
    const board = await seedTeam(a.application, 'cid', 10, ['Todo', 'Done']);
    const start = await boardSeq(a.application, board);
    const movers = await Promise.all([0, 1].map((i) => client(board, `mover-${i}`, () => (i ? b.wsUrl : a.wsUrl))));
    const watchers = await Promise.all([
      client(board, 'watch-a', () => a.wsUrl),
      client(board, 'watch-b', () => b.wsUrl),
    ]);
    const burst = async (count: number) =>
      Promise.all(
        movers.map(async (m, i) => {
          for (let n = 0; n < count; n++)
            expect(await m.mutate(randomMove(board, i + n))).toMatchObject({ type: 'ack' });
        }),
      );
    await burst(20);
    await redis.stop();
    await burst(20);
    await redis.start();
    await burst(20);
    const final = await boardSeq(a.application, board);
    expect(final).toBe(start + 120);
    for (const c of [...movers, ...watchers]) {
      await c.until(() => c.lastSeq === final);
      expectComplete(c, start, final);
    }
    expect(watchers.every((w) => w.resyncs > 0)).toBe(true);
  });

  it('a mutation whose socket dropped before the ack is resent with the same mid and applied once', async () => {
    const board = await seedTeam(a.application, 'dee', 10, ['Todo', 'Done']);
    const start = await boardSeq(a.application, board);
    let connects = 0;
    // The retry lands on the other instance, as it would behind a load balancer.
    const flaky = await client(board, 'flaky', () => (connects++ % 2 ? b.wsUrl : a.wsUrl));
    const answer = flaky.mutate({ kind: 'card.move', cardId: board.cards[3], toListId: board.lists[1] });
    flaky.drop();
    expect(await answer).toEqual(expect.objectContaining({ type: 'ack', seq: start + 1 }));
    const again = await flaky.mutateWith('flaky-1', {
      kind: 'card.move',
      cardId: board.cards[3],
      toListId: board.lists[1],
    });
    expect(again).toMatchObject({ type: 'ack', seq: start + 1 });
    expect(await boardSeq(b.application, board)).toBe(start + 1);
    await flaky.until(() => flaky.lastSeq === start + 1);
    expect(flaky.violations).toEqual([]);
  });

  it('when an instance stops, its clients reconnect to the other and resume from lastSeq with nothing missing', async () => {
    const board = await seedTeam(b.application, 'eve', 10, ['Todo', 'Done']);
    const start = await boardSeq(b.application, board);
    let aUp = true;
    const onA = await Promise.all([0, 1].map((i) => client(board, `on-a-${i}`, () => (aUp ? a.wsUrl : b.wsUrl))));
    const writer = await client(board, 'writer', () => b.wsUrl);
    for (let n = 0; n < 10; n++) await writer.mutate(randomMove(board, n));
    aUp = false;
    const stopping = a.stop();
    for (let n = 10; n < 30; n++) await writer.mutate(randomMove(board, n));
    await stopping;
    for (let n = 30; n < 40; n++) await writer.mutate(randomMove(board, n));
    const final = start + 40;
    for (const c of [...onA, writer]) {
      await c.until(() => c.lastSeq === final);
      expectComplete(c, start, final);
    }
    expect(onA.every((c) => c.reconnects >= 1)).toBe(true);
  });
});
