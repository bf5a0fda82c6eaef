import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../src/application/api';
import type { EventSubscriber } from '../../../src/application/ports/realtime';
import { encode, snapshotFrame } from '../../../src/adapters/ws/frames';
import { ok } from '../application/fixtures';
import { closingWorldsAfterEach, TestClient, world } from './realtime-fixture';

const track = closingWorldsAfterEach();

const OTHER_TEAM = '0190a4b2-0000-7000-8000-000000000001';

describe('authentication', () => {
  it('a socket that does not authenticate in time is closed with 4401', async () => {
    const w = await track(world({ settings: { authTimeoutMs: 20 } }));
    const client = new TestClient(w.realtime);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('an invalid token is refused with close code 4401', async () => {
    const w = await track(world());
    const client = new TestClient(w.realtime);
    await client.send({ type: 'auth', token: 'not-a-token' });
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('a subscribe before authenticating closes the socket with 4401', async () => {
    const w = await track(world());
    const client = new TestClient(w.realtime);
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('a valid token is answered with ready, the protocol version and when the token expires', async () => {
    const w = await track(world());
    const client = await w.connect();
    const expiresAt = new Date(w.memory.clock.now().getTime() + 900_000).toISOString();
    expect(client.frames()).toEqual([{ type: 'ready', protocol: 1, userId: w.owner.actor.userId, expiresAt }]);
    expect(client.pair.closed).toBeNull();
  });
});

describe('subscribing', () => {
  it('a subscribe without lastSeq gets the board as a snapshot, then subscribed at its seq', async () => {
    const w = await track(world());
    await w.addCard('Write docs');
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    const [snapshot, subscribed] = client.frames().slice(1);
    expect(snapshot).toMatchObject({ type: 'snapshot', boardId: w.boardId, seq: 3 });
    expect((snapshot?.cards as { title: string }[]).map((c) => c.title)).toEqual(['Write docs']);
    expect(subscribed).toEqual({ type: 'subscribed', teamId: w.teamId, boardId: w.boardId, seq: 3 });
  });

  it('the snapshot frame is the text encode writes for it, cut from the snapshot shared by every subscriber', async () => {
    const w = await track(world());
    await w.addCard('Überweisung "prüfen" \u2028 ✓');
    const shared = await ok(w.app.boards.getShared(w.owner.actor, w.teamId, w.boardId));
    const frame = snapshotFrame(w.teamId, w.boardId, shared);
    expect(frame).toBe(encode({ type: 'snapshot', teamId: w.teamId, boardId: w.boardId, ...shared.snapshot }));
    const first = await w.connect();
    const second = await w.connect();
    await first.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    await second.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    expect(first.ofType('snapshot')).toEqual([JSON.parse(frame)]);
    expect(second.ofType('snapshot')).toEqual([JSON.parse(frame)]);
    expect(await ok(w.app.boards.getShared(w.owner.actor, w.teamId, w.boardId))).toBe(shared);
  });

  it('a subscribe with lastSeq gets only the events it missed', async () => {
    const w = await track(world());
    await w.addCard('One');
    await w.addCard('Two');
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    expect(client.ofType('snapshot')).toHaveLength(0);
    expect(client.eventSeqs(w.boardId)).toEqual([3, 4]);
    expect(client.ofType('subscribed')).toEqual([expect.objectContaining({ seq: 4 })]);
  });

  it('a client too far behind gets a snapshot instead of the events', async () => {
    const w = await track(world({ settings: { maxCatchUpEvents: 2 } }));
    for (const name of ['One', 'Two', 'Three']) await w.addCard(name);
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 1 });
    expect(client.ofType('snapshot')).toEqual([expect.objectContaining({ seq: 5 })]);
    expect(client.eventSeqs(w.boardId)).toEqual([]);
  });

  it('a lastSeq ahead of the log is answered with a snapshot', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 40 });
    expect(client.ofType('snapshot')).toEqual([expect.objectContaining({ seq: 2 })]);
  });

  it("another team's board is answered with a not_found error and no data", async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: OTHER_TEAM, boardId: w.boardId });
    expect(client.frames().slice(1)).toEqual([
      { type: 'error', teamId: OTHER_TEAM, boardId: w.boardId, error: expect.objectContaining({ code: 'not_found' }) },
    ]);
  });

  it('a board of a team the user is not in is answered as not found', async () => {
    const w = await track(world());
    const mallory = await w.join('Mallory', 'viewer');
    await w.app.teams.removeMember(w.owner.actor, w.teamId, mallory.actor.userId)();
    const client = await w.connect(mallory);
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    expect(client.ofType('error')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'not_found' }) }),
    ]);
  });

  it('live events arrive once each, in seq order, after the catch-up', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 0 });
    for (const name of ['One', 'Two', 'Three']) await w.addCard(name);
    await client.settle();
    expect(client.eventSeqs(w.boardId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('events committed while the catch-up is read are neither lost nor sent twice', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The log read waits at the gate, so the cards below commit between joining the bus and reading the log.
    const gated = (app: Application): Application => ({
      ...app,
      boards: {
        ...app.boards,
        events: (...args) => TE.chain(() => app.boards.events(...args))(TE.fromTask(() => gate)),
      },
    });
    const w = await track(world({ wrapApp: gated }));
    const client = await w.connect();
    client.pair.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    await w.addCard('During one');
    await w.addCard('During two');
    release();
    await client.settle();
    await w.addCard('After');
    await client.settle();
    expect(client.eventSeqs(w.boardId)).toEqual([2, 3, 4, 5]);
  });

  it('an event the bus lost is read from the log before the events after it are sent', async () => {
    const lost = new Set([4]);
    const lossy = (bus: EventSubscriber): EventSubscriber => ({
      subscribe: (teamId, boardId, listener) =>
        bus.subscribe(teamId, boardId, (e) => (lost.has(e.seq) ? undefined : listener(e))),
      onResync: bus.onResync,
    });
    const w = await track(world({ wrapBus: lossy, settings: { gapGraceMs: 0 } }));
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    for (const name of ['One', 'Two', 'Three']) await w.addCard(name);
    await client.settle();
    expect(client.eventSeqs(w.boardId)).toEqual([3, 4, 5]);
  });

  it('events that overtake each other on the bus are put back in order without reading the log', async () => {
    let logReads = 0;
    const counting = (app: Application): Application => ({
      ...app,
      boards: { ...app.boards, events: (...args) => (logReads++, app.boards.events(...args)) },
    });
    // Event 4 is held back by the bus until event 5 has gone past it.
    let heldBack: (() => void) | null = null;
    const reordering = (bus: EventSubscriber): EventSubscriber => ({
      subscribe: (teamId, boardId, listener) =>
        bus.subscribe(teamId, boardId, (e) => {
          if (e.seq === 4) heldBack = () => listener(e);
          else {
            listener(e);
            if (e.seq === 5) heldBack?.();
          }
        }),
      onResync: bus.onResync,
    });
    const w = await track(world({ wrapApp: counting, wrapBus: reordering, settings: { gapGraceMs: 10_000 } }));
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    const readsAfterSubscribe = logReads;
    for (const name of ['One', 'Two', 'Three']) await w.addCard(name);
    await client.settle();
    expect(client.eventSeqs(w.boardId)).toEqual([3, 4, 5]);
    expect(logReads).toBe(readsAfterSubscribe);
  });

  it('after unsubscribe no more events for the board arrive', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    await client.send({ type: 'unsubscribe', teamId: w.teamId, boardId: w.boardId });
    await w.addCard('Unseen');
    await client.settle();
    expect(client.ofType('unsubscribed')).toHaveLength(1);
    expect(client.eventSeqs(w.boardId)).toEqual([]);
  });

  it('two sockets on one board share one bus subscription and get the same event frame', async () => {
    const w = await track(world());
    const a = await w.connect();
    const b = await w.connect();
    await a.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    await b.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    expect(w.memory.deps.events.listenerCount(w.teamId, w.boardId)).toBe(1);
    await w.addCard('Shared');
    await Promise.all([a.settle(), b.settle()]);
    expect(a.pair.toClient).toEqual(b.pair.toClient);
    expect(a.eventSeqs(w.boardId)).toEqual([3]);
    a.pair.clientClose();
    b.pair.clientClose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.memory.deps.events.listenerCount(w.teamId, w.boardId)).toBe(0);
  });
});
