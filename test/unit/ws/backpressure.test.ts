import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../src/application/api';
import { Description } from '../../../src/domain';
import { ok, title } from '../application/fixtures';
import { closingWorldsAfterEach, TestClient, world, type World } from './realtime-fixture';
import { sleep } from '../../support/wait';

const track = closingWorldsAfterEach();

const KiB = 1024;

/** Fills the world's board with cards carrying long descriptions, so its snapshot weighs over `kib` KiB. */
const makeBig = async (w: World, kib: number) => {
  const description = 'x'.repeat(2000);
  if (!Description.is(description)) throw new Error('test description refused');
  for (let i = 0; i < Math.ceil(kib / 2); i++) {
    const input = { listId: w.listId, title: title(`Card ${i}`), description };
    await ok(w.app.cards.create(w.owner.actor, w.teamId, w.boardId, input, null));
  }
};

const snapshotBytes = (client: TestClient): number =>
  Buffer.byteLength(client.pair.toClient.find((f) => f.startsWith('{"type":"snapshot"')) ?? '');

const subscribe = (w: World, boardId: string = w.boardId) => ({ type: 'subscribe', teamId: w.teamId, boardId });

describe('a client that does not read (V1)', () => {
  const highWaterBytes = 32 * KiB;
  const controlHeadroomBytes = 16 * KiB;
  /** A viewer that answers pings but never reads, on a board whose snapshot is over the high-water mark. */
  const attack = async (frames: (w: World) => unknown[]) => {
    let now = 0;
    const w = await track(
      world({
        now: () => now,
        settings: { highWaterBytes, controlHeadroomBytes, stuckTimeoutMs: 30_000 },
        timings: { sweepMs: 2, heartbeatMs: 5 },
      }),
    );
    await makeBig(w, 40);
    const attacker = await w.connect(await w.join('Mallory', 'viewer'));
    // The test pair answers every ping, so heartbeats alone never drop this client.
    expect(attacker.pair.answerPings).toBe(true);
    let peak = 0;
    // Up to a minute of 10 rounds a second.
    for (let i = 0; i < 600 && attacker.pair.closed === null; i++) {
      now += 100;
      for (const frame of frames(w)) attacker.pair.send(frame);
      await attacker.settle();
      if (i % 10 === 0) await sleep(3);
      peak = Math.max(peak, attacker.pair.server.bufferedAmount);
    }
    return { attacker, peak, now };
  };

  it('10 subscribes a second to a big board leave the buffer bounded, and the socket that never reads is dropped', async () => {
    const { attacker, peak, now } = await attack((w) => [subscribe(w)]);
    expect(snapshotBytes(attacker)).toBeGreaterThan(40 * KiB);
    expect(peak).toBeLessThanOrEqual(highWaterBytes + snapshotBytes(attacker) + controlHeadroomBytes);
    expect(attacker.pair.closed).toMatchObject({ terminated: true });
    // Dropped within the minute of attack (the sweep runs on real timers, so not to the exact second).
    expect(now).toBeLessThan(60_000);
  });

  it('unsubscribing before each subscribe does not get around the cap either', async () => {
    const { attacker, peak } = await attack((w) => [
      subscribe(w),
      { type: 'unsubscribe', teamId: w.teamId, boardId: w.boardId },
    ]);
    expect(attacker.pair.toClient.filter((f) => f.startsWith('{"type":"snapshot"'))).toHaveLength(1);
    expect(peak).toBeLessThanOrEqual(highWaterBytes + snapshotBytes(attacker) + controlHeadroomBytes);
    expect(attacker.pair.closed).toMatchObject({ terminated: true });
  });

  it('a repeated subscribe to a watched board is answered with subscribed, not with another snapshot', async () => {
    const w = await track(world());
    await w.addCard('One');
    const client = await w.connect();
    for (let i = 0; i < 5; i++) await client.send(subscribe(w));
    await w.addCard('Two');
    await client.settle();
    expect(client.ofType('snapshot')).toHaveLength(1);
    expect(client.ofType('subscribed')).toEqual(
      Array.from({ length: 5 }, () => ({ type: 'subscribed', teamId: w.teamId, boardId: w.boardId, seq: 3 })),
    );
    expect(client.eventSeqs(w.boardId)).toEqual([4]);
  });

  it('subscribes sent while the first is still being read get no second snapshot', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = (app: Application): Application => ({
      ...app,
      boards: { ...app.boards, get: (...args) => TE.chain(() => app.boards.get(...args))(TE.fromTask(() => gate)) },
    });
    const w = await track(world({ wrapApp: gated }));
    const client = await w.connect();
    for (let i = 0; i < 5; i++) client.pair.send(subscribe(w));
    release();
    await client.settle();
    expect(client.frames().map((f) => f.type)).toEqual(['ready', 'snapshot', ...Array(5).fill('subscribed')]);
  });

  it('a subscribe from a socket above the high-water mark gets resync and no board data', async () => {
    const w = await track(world({ settings: { highWaterBytes: 200 } }));
    await w.addCard('One');
    const client = await w.connect();
    await client.send(subscribe(w));
    await client.send({ type: 'unsubscribe', teamId: w.teamId, boardId: w.boardId });
    await client.send({ ...subscribe(w), lastSeq: 0 });
    const types = client.frames().map((f) => f.type);
    expect(types).toEqual(['ready', 'snapshot', 'subscribed', 'unsubscribed', 'resync']);
    expect(client.ofType('resync')[0]).toMatchObject({ boardId: w.boardId, reason: 'slow_consumer' });
  });

  it('catch-up events stop at the high-water mark and the board is resynced instead', async () => {
    const w = await track(world({ settings: { highWaterBytes: 1500 } }));
    for (let i = 0; i < 10; i++) await w.addCard(`Card ${i}`);
    const client = await w.connect();
    await client.send({ ...subscribe(w), lastSeq: 2 });
    const seqs = client.eventSeqs(w.boardId);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs.length).toBeLessThan(10);
    expect(seqs).toEqual(seqs.map((_, i) => 3 + i));
    expect(client.ofType('subscribed')).toEqual([]);
    expect(client.ofType('resync')).toEqual([expect.objectContaining({ reason: 'slow_consumer' })]);
  });

  it('control frames past the headroom drop the socket at once', async () => {
    const w = await track(
      world({
        settings: {
          highWaterBytes: 100,
          controlHeadroomBytes: 200,
          rateLimit: { ratePerSecond: 1e6, burst: 1e6, patience: 1 },
        },
      }),
    );
    const client = await w.connect();
    for (let i = 0; i < 20 && client.pair.closed === null; i++) await client.send({ type: 'ping' });
    expect(client.pair.closed).toMatchObject({ terminated: true });
    expect(client.pair.server.bufferedAmount).toBeLessThanOrEqual(100 + 200 + 100);
  });
});

describe('caps', () => {
  it('a socket may watch at most the configured number of boards; the next is refused with too_many_subscriptions', async () => {
    const w = await track(world({ settings: { maxSubscriptions: 2 } }));
    const boards = [w.boardId];
    for (const name of ['Two', 'Three']) {
      boards.push((await ok(w.app.boards.create(w.owner.actor, w.teamId, { title: title(name) }, null))).value.id);
    }
    const client = await w.connect();
    for (const boardId of boards) await client.send(subscribe(w, boardId));
    expect(client.ofType('subscribed').map((f) => f.boardId)).toEqual(boards.slice(0, 2));
    expect(client.ofType('error')).toEqual([
      expect.objectContaining({
        boardId: boards[2],
        error: expect.objectContaining({ code: 'too_many_subscriptions' }),
      }),
    ]);
  });

  it('a user may hold at most the configured number of sockets per instance; the next is closed 4429 after a too_many_sockets error', async () => {
    const w = await track(world({ settings: { maxSocketsPerUser: 2 } }));
    const first = await w.connect();
    await w.connect();
    const third = await w.connect();
    expect(third.frames()).toEqual([
      { type: 'error', error: expect.objectContaining({ code: 'too_many_sockets', retryable: true }) },
    ]);
    expect(third.pair.closed).toMatchObject({ code: 4429 });
    const bobs = await w.connect(await w.join('Bob', 'member'));
    expect(bobs.pair.closed).toBeNull();
    first.pair.clientClose();
    expect((await w.connect()).pair.closed).toBeNull();
  });

  it('frames piling up behind slow work beyond the backlog limit close the socket with 4429', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = (app: Application): Application => ({
      ...app,
      boards: { ...app.boards, get: (...args) => TE.chain(() => app.boards.get(...args))(TE.fromTask(() => gate)) },
    });
    const w = await track(world({ wrapApp: gated, settings: { maxPendingBytes: 2000 } }));
    const client = await w.connect();
    for (let i = 0; i < 40 && client.pair.closed === null; i++) client.pair.send(subscribe(w));
    expect(client.pair.closed).toMatchObject({ code: 4429 });
    release();
  });

  it('a client that is not a socket-holding user (never authenticated) does not count towards the cap', async () => {
    const w = await track(world({ settings: { maxSocketsPerUser: 1 } }));
    new TestClient(w.realtime);
    expect((await w.connect()).pair.closed).toBeNull();
  });
});
