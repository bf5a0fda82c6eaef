import { closingWorldsAfterEach, world } from './realtime-fixture';
import { sleep } from '../../support/wait';

const track = closingWorldsAfterEach();

describe('slow consumers', () => {
  it('a socket past the high-water mark gets resync instead of live events, then is dropped if it stays stuck', async () => {
    let now = 0;
    const w = await track(
      world({ now: () => now, settings: { highWaterBytes: 300, stuckTimeoutMs: 5_000 }, timings: { sweepMs: 5 } }),
    );
    const slow = await w.connect();
    await slow.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    // The client reads nothing from here on: the snapshot alone sits in its buffer past the mark.
    await w.addCard('One');
    await w.addCard('Two');
    await slow.settle();
    expect(slow.pair.toClient.map((f) => JSON.parse(f).type)).toEqual(['ready', 'snapshot', 'subscribed', 'resync']);
    expect(JSON.parse(slow.pair.toClient[3] ?? '{}')).toMatchObject({ boardId: w.boardId, reason: 'slow_consumer' });
    now = 4_000;
    await sleep(20);
    expect(slow.pair.closed).toBeNull();
    now = 5_000;
    await sleep(20);
    expect(slow.pair.closed).toMatchObject({ terminated: true });
  });

  it('a slow socket that catches up is not dropped and resumes from its lastSeq', async () => {
    let now = 0;
    const w = await track(
      world({ now: () => now, settings: { highWaterBytes: 300, stuckTimeoutMs: 5_000 }, timings: { sweepMs: 5 } }),
    );
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    await w.addCard('One');
    await client.settle();
    client.frames();
    await sleep(20);
    await w.addCard('Two');
    // A client that reads what it is sent and resubscribes from its lastSeq at every resync gets it all.
    for (let lastSeq = 2; lastSeq < 4; lastSeq = Math.max(lastSeq, ...client.eventSeqs(w.boardId))) {
      await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq });
      client.frames();
    }
    now = 60_000;
    await sleep(20);
    expect(client.pair.closed).toBeNull();
    expect(client.eventSeqs(w.boardId)).toEqual([3, 4]);
  });

  it('a peer that stops answering pings is dropped at the next heartbeat', async () => {
    const w = await track(world({ timings: { heartbeatMs: 10 } }));
    const client = await w.connect();
    await sleep(35);
    expect(client.pair.closed).toBeNull();
    expect(client.pair.pings).toBeGreaterThan(1);
    client.pair.answerPings = false;
    await sleep(35);
    expect(client.pair.closed).toMatchObject({ terminated: true });
  });
});

describe('revocation', () => {
  it("removing a member closes that user's sockets on the team with 4403 and leaves others open", async () => {
    const w = await track(world());
    const bob = await w.join('Bob', 'member');
    const bobs = await w.connect(bob);
    const idle = await w.connect(bob);
    const alices = await w.connect();
    for (const c of [bobs, alices]) await c.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    await w.app.teams.removeMember(w.owner.actor, w.teamId, bob.actor.userId)();
    expect(bobs.pair.closed).toMatchObject({ code: 4403 });
    expect(idle.pair.closed).toBeNull();
    expect(alices.pair.closed).toBeNull();
  });

  it('logging out closes every socket of the user with 4401', async () => {
    const w = await track(world());
    const a = await w.connect();
    const b = await w.connect();
    expect(w.realtime.closeUserSockets(w.owner.actor.userId)).toBe(2);
    expect([a.pair.closed?.code, b.pair.closed?.code]).toEqual([4401, 4401]);
  });

  it('a removed member who reconnects can no longer subscribe to the board', async () => {
    const w = await track(world());
    const bob = await w.join('Bob', 'member');
    await w.app.teams.removeMember(w.owner.actor, w.teamId, bob.actor.userId)();
    const client = await w.connect(bob);
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
    expect(client.ofType('error')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'not_found' }) }),
    ]);
  });
});

describe('bus resync', () => {
  it('when the bus announces a possible hole, subscribers get resync and no further live events until they resubscribe', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    w.memory.deps.events.announceResync(w.teamId, w.boardId);
    await w.addCard('Missed live');
    await client.settle();
    expect(client.ofType('resync')).toEqual([
      { type: 'resync', teamId: w.teamId, boardId: w.boardId, reason: 'bus_resubscribed' },
    ]);
    expect(client.eventSeqs(w.boardId)).toEqual([]);
    await client.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
    expect(client.eventSeqs(w.boardId)).toEqual([3]);
  });
});
