import {
  closingWorldsAfterEach,
  signUpWithToken,
  TestClient,
  type TestUser,
  world,
  type World,
} from './realtime-fixture';
import { sleep } from '../../support/wait';

const track = closingWorldsAfterEach();

const COALESCE_MS = 30;

const presenceWorld = () => track(world({ presenceTimings: { coalesceMs: COALESCE_MS, heartbeatMs: 60_000 } }));

type Viewer = { userId: string; name: string; editing: string | null };
const presenceFrames = (c: TestClient) => c.ofType('presence') as { boardId: string; viewers: Viewer[] }[];
const lastViewers = (c: TestClient) => presenceFrames(c).at(-1)?.viewers ?? null;

/** Waits (real time: presence is coalesced on timers) until the client's latest presence frame passes `check`. */
const until = async (c: TestClient, check: (viewers: Viewer[] | null) => boolean) => {
  for (let waited = 0; !check(lastViewers(c)); waited += 10) {
    if (waited > 2000) throw new Error(`presence never matched; last: ${JSON.stringify(lastViewers(c))}`);
    await c.settle();
    await sleep(10);
  }
};

const onBoard = async (w: World, user?: TestUser) => {
  const c = await w.connect(user);
  await c.send({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId });
  return c;
};
const announce = (w: World, c: TestClient, editing: string | null = null) =>
  c.send({ type: 'presence', teamId: w.teamId, boardId: w.boardId, editing });
const names = (viewers: Viewer[] | null) => viewers?.map((v) => v.name) ?? null;

describe('presence on a board', () => {
  it('two people on a board see each other by name, and who has which card open', async () => {
    const w = await presenceWorld();
    const ben = await w.join('Ben', 'member');
    const [alice, benSocket] = [await onBoard(w), await onBoard(w, ben)];
    await announce(w, alice);
    await announce(w, benSocket, w.listId);
    await until(alice, (v) => names(v)?.join() === 'Alice,Ben');
    expect(lastViewers(alice)).toEqual([
      { userId: w.owner.actor.userId, name: 'Alice', editing: null },
      { userId: ben.actor.userId, name: 'Ben', editing: w.listId },
    ]);
    await until(benSocket, (v) => names(v)?.join() === 'Alice,Ben');
  });

  it('a user with two tabs shows once, editing the card any of the tabs has open', async () => {
    const w = await presenceWorld();
    const [tab1, tab2] = [await onBoard(w), await onBoard(w)];
    await announce(w, tab1);
    await announce(w, tab2, w.listId);
    await until(tab1, (v) => v?.length === 1 && v[0]?.editing === w.listId);
  });

  it('a socket that closes is gone from everyone else at once, without waiting for an expiry', async () => {
    const w = await presenceWorld();
    const ben = await w.join('Ben', 'member');
    const [alice, benSocket] = [await onBoard(w), await onBoard(w, ben)];
    await announce(w, alice);
    await announce(w, benSocket);
    await until(alice, (v) => v?.length === 2);
    benSocket.pair.clientClose();
    await until(alice, (v) => names(v)?.join() === 'Alice');
  });

  it('unsubscribing from the board takes its presence off the board', async () => {
    const w = await presenceWorld();
    const ben = await w.join('Ben', 'viewer');
    const [alice, benSocket] = [await onBoard(w), await onBoard(w, ben)];
    await announce(w, alice);
    await announce(w, benSocket);
    await until(alice, (v) => v?.length === 2);
    await benSocket.send({ type: 'unsubscribe', teamId: w.teamId, boardId: w.boardId });
    await until(alice, (v) => names(v)?.join() === 'Alice');
  });

  it('a client flipping its editing card in a loop costs the others a few frames, not one per flip', async () => {
    const w = await presenceWorld();
    const ben = await w.join('Ben', 'member');
    const [alice, benSocket] = [await onBoard(w), await onBoard(w, ben)];
    await announce(w, alice);
    await until(alice, (v) => v?.length === 1);
    const before = presenceFrames(alice).length;
    for (let i = 0; i < 60; i++) await announce(w, benSocket, i % 2 ? w.listId : null);
    await announce(w, benSocket, w.boardId);
    await until(alice, (v) => v?.find((x) => x.name === 'Ben')?.editing === w.boardId);
    expect(presenceFrames(alice).length - before).toBeLessThanOrEqual(4);
  });
});

describe('presence is for the sockets on the board only', () => {
  it('a socket not subscribed to the board cannot announce on it and hears nothing of it', async () => {
    const w = await presenceWorld();
    const alice = await onBoard(w);
    await announce(w, alice);
    const elsewhere = await w.connect();
    await announce(w, elsewhere, w.listId);
    expect(elsewhere.ofType('error')).toEqual([
      expect.objectContaining({
        teamId: w.teamId,
        boardId: w.boardId,
        error: expect.objectContaining({ code: 'not_subscribed' }),
      }),
    ]);
    await until(alice, (v) => v?.length === 1);
    await sleep(COALESCE_MS * 3);
    await elsewhere.settle();
    expect(presenceFrames(elsewhere)).toEqual([]);
    expect(names(lastViewers(alice))).toEqual(['Alice']);
  });

  it('someone of another team can neither subscribe to the board nor announce on it, and is never listed', async () => {
    const w = await presenceWorld();
    const alice = await onBoard(w);
    await announce(w, alice);
    const mallory = await signUpWithToken(w.app, 'Mallory');
    const intruder = await onBoard(w, mallory);
    await announce(w, intruder);
    expect(intruder.ofType('error').map((f) => (f.error as { code: string }).code)).toEqual([
      'not_found',
      'not_subscribed',
    ]);
    await sleep(COALESCE_MS * 3);
    await alice.settle();
    expect(presenceFrames(intruder)).toEqual([]);
    expect(names(lastViewers(alice))).toEqual(['Alice']);
  });

  it('a subscribed socket that never announces is sent no presence (clients opt in)', async () => {
    const w = await presenceWorld();
    const alice = await onBoard(w);
    const quiet = await onBoard(w);
    await announce(w, alice);
    await until(alice, (v) => v?.length === 1);
    await sleep(COALESCE_MS * 3);
    await quiet.settle();
    expect(presenceFrames(quiet)).toEqual([]);
  });
});
