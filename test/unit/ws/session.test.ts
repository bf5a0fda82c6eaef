import type { Role } from '../../../src/domain';
import { ok, password } from '../application/fixtures';
import {
  closingWorldsAfterEach,
  mutateFrame,
  type TestClient,
  type TestUser,
  world,
  type World,
} from './realtime-fixture';
import { sleep } from '../../support/wait';

const track = closingWorldsAfterEach();

const TTL_MS = 900_000;
const CARD = '0190a4b2-0000-7000-8000-0000000000c1';

const subscribe = (w: World) => ({ type: 'subscribe', teamId: w.teamId, boardId: w.boardId, lastSeq: 2 });
const mutate = (w: World, mid: string) => mutateFrame(w, mid, { kind: 'list.create', title: `List ${mid}` });
const claimsOf = async (w: World, token: string) => ok(w.memory.deps.accessTokens.verify(token, w.memory.clock.now()));
/** A second session of the world's owner (logging in again), with its own refresh family. */
const secondSession = async (w: World): Promise<TestUser> => {
  const session = await ok(w.app.auth.logIn({ email: 'alice@example.com', password: 'correct horse battery' }));
  return { actor: w.owner.actor, token: session.accessToken, refreshToken: session.refreshToken };
};
const eventCount = async (w: World) => (await ok(w.memory.deps.boards.eventsAfter(w.teamId, w.boardId, 0, 100))).length;

describe('a socket lives as long as its token (V2)', () => {
  it('at the token’s expiry the socket is closed with 4401 and gets no live event after it', async () => {
    const w = await track(world());
    const client = await w.connect();
    await client.send(subscribe(w));
    w.memory.clock.advance(TTL_MS);
    await w.addCard('After expiry');
    await client.settle();
    expect(client.eventSeqs(w.boardId)).toEqual([]);
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('a quiet socket is closed with 4401 by the sweep once its token expired', async () => {
    const w = await track(world({ timings: { sweepMs: 2 } }));
    const client = await w.connect();
    w.memory.clock.advance(TTL_MS - 1);
    await sleep(10);
    expect(client.pair.closed).toBeNull();
    w.memory.clock.advance(1);
    await sleep(10);
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('a mutate after the token expired gets no ack and changes nothing', async () => {
    const w = await track(world());
    const client = await w.connect();
    const before = await eventCount(w);
    w.memory.clock.advance(TTL_MS + 1000);
    await client.send(mutate(w, 'late'));
    expect(client.ofType('ack')).toEqual([]);
    expect(client.pair.closed).toMatchObject({ code: 4401 });
    expect(await eventCount(w)).toBe(before);
  });

  it('a fresh token sent on the socket before expiry keeps it open until the fresh token expires', async () => {
    const w = await track(world());
    const client = await w.connect();
    w.memory.clock.advance(800_000);
    const refreshed = await ok(w.app.auth.refresh(w.owner.refreshToken));
    await client.send({ type: 'auth', token: refreshed.accessToken });
    expect(client.ofType('ready').at(-1)).toMatchObject({ expiresAt: refreshed.accessTokenExpiresAt });
    w.memory.clock.advance(200_000);
    await client.send(mutate(w, 'm1'));
    expect(client.ofType('ack')).toEqual([expect.objectContaining({ mid: 'm1' })]);
    w.memory.clock.advance(700_000);
    await client.send(mutate(w, 'm2'));
    expect(client.ofType('ack')).toHaveLength(1);
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('a fresh token of another user closes the socket with 4401', async () => {
    const w = await track(world());
    const bob = await w.join('Bob', 'member');
    const client = await w.connect();
    await client.send({ type: 'auth', token: bob.token });
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('a fresh token that was revoked is refused like REST refuses it, closing the socket with 4401', async () => {
    const w = await track(world());
    const client = await w.connect();
    const second = await secondSession(w);
    const claims = await claimsOf(w, second.token);
    await ok(w.memory.deps.denylist.denyToken(claims.jti, claims.expiresAt));
    await client.send({ type: 'auth', token: second.token });
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });
});

describe('a socket ends with its session, on every instance (V2)', () => {
  const connectBoth = async (w: World): Promise<[TestClient, TestClient]> => {
    const first = await w.connect();
    const second = await w.connect(await secondSession(w));
    for (const c of [first, second]) await c.send(subscribe(w));
    return [first, second];
  };

  it('a revoked session (logout, replayed refresh token) closes only the sockets opened with its tokens', async () => {
    const w = await track(world());
    const [first, second] = await connectBoth(w);
    const { familyId } = await claimsOf(w, w.owner.token);
    await w.memory.deps.control.publish({ type: 'session.revoked', userId: w.owner.actor.userId, familyId })();
    expect(first.pair.closed).toMatchObject({ code: 4401 });
    expect(second.pair.closed).toBeNull();
    await w.addCard('Still live for the other session');
    await second.settle();
    expect(second.eventSeqs(w.boardId)).toEqual([3]);
  });

  it('a re-authenticated socket belongs to the session of its latest token', async () => {
    const w = await track(world());
    const client = await w.connect();
    const second = await secondSession(w);
    await client.send({ type: 'auth', token: second.token });
    const { familyId } = await claimsOf(w, second.token);
    await w.memory.deps.control.publish({ type: 'session.revoked', userId: w.owner.actor.userId, familyId })();
    expect(client.pair.closed).toMatchObject({ code: 4401 });
  });

  it('changing the password signs the user out everywhere: every socket is closed with 4401', async () => {
    const w = await track(world());
    const [first, second] = await connectBoth(w);
    const bob = await w.connect(await w.join('Bob', 'member'));
    await ok(
      w.app.auth.changePassword(w.owner.actor, {
        currentPassword: 'correct horse battery',
        newPassword: password('a brand new passphrase'),
      }),
    );
    expect([first.pair.closed?.code, second.pair.closed?.code]).toEqual([4401, 4401]);
    expect(bob.pair.closed).toBeNull();
  });

  it('a mutation still waiting when the session ends is not run', async () => {
    const w = await track(world());
    const client = await w.connect();
    const before = await eventCount(w);
    client.pair.send(mutate(w, 'm1'));
    client.pair.send(mutate(w, 'm2'));
    await w.memory.deps.control.publish({ type: 'user.signed_out', userId: w.owner.actor.userId })();
    await client.settle();
    expect(await eventCount(w)).toBe(before);
    expect(client.ofType('ack')).toEqual([]);
  });
});

describe('role changes reach open sockets', () => {
  /** Changes the member's role in storage, then announces it as the role-change use case does. */
  const changeRole = async (w: World, user: TestUser, role: Role) => {
    const { teams } = w.memory.deps;
    await ok(teams.changeMembership(w.teamId, w.owner.actor.userId, user.actor.userId, { kind: 'role', role }));
    await w.memory.deps.control.publish({
      type: 'member.role_changed',
      teamId: w.teamId,
      userId: user.actor.userId,
      role,
    })();
  };

  it('a demoted member is told the new role on the socket, stays connected, and its next mutate is refused', async () => {
    const w = await track(world());
    const bob = await w.join('Bob', 'member');
    const watching = await w.connect(bob);
    const elsewhere = await w.connect(bob);
    await watching.send(subscribe(w));
    await watching.send(mutate(w, 'before'));
    await changeRole(w, bob, 'viewer');
    await watching.send(mutate(w, 'after'));
    expect(watching.ofType('membership')).toEqual([{ type: 'membership', teamId: w.teamId, role: 'viewer' }]);
    expect(watching.pair.closed).toBeNull();
    expect(watching.ofType('ack').map((a) => a.mid)).toEqual(['before']);
    expect(watching.ofType('nack')).toEqual([
      expect.objectContaining({ mid: 'after', error: expect.objectContaining({ code: 'insufficient_role' }) }),
    ]);
    expect(elsewhere.ofType('membership')).toEqual([]);
  });

  it('a promoted viewer may mutate over the same socket at once', async () => {
    const w = await track(world());
    const vera = await w.join('Vera', 'viewer');
    const client = await w.connect(vera);
    await client.send(subscribe(w));
    await changeRole(w, vera, 'member');
    await client.send({
      ...mutate(w, 'm1'),
      op: { kind: 'card.create', id: CARD, listId: w.listId, title: 'Now I can' },
    });
    expect(client.ofType('membership')).toEqual([{ type: 'membership', teamId: w.teamId, role: 'member' }]);
    expect(client.ofType('ack')).toEqual([expect.objectContaining({ mid: 'm1' })]);
  });
});
