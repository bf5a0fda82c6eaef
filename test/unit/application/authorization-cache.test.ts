import { MemoryAuthorizationCache, MemoryControlBus } from '../../../src/adapters/memory';
import type { Application } from '../../../src/application/api';
import { makeApplication } from '../../../src/application/make-application';
import type { TeamRepository, UserRepository } from '../../../src/application/ports';
import { forgetOnControl } from '../../../src/application/revocation';
import type { CardId, ListId } from '../../../src/domain';
import { buildMemoryApp, type MemoryApp } from '../../support/memory-app';
import { cheapHasher, email, fails, ok, password, personName, teamWithBoard, title } from './fixtures';

const TTL_MS = 5_000;

/** How often the hot path asked the catalog and the denylist. */
interface Reads {
  membership: number;
  user: number;
  denylist: number;
}

/** The memory app with its catalog and denylist counted (what a Postgres catalog and Redis would serve). */
const countedApp = () => {
  const memory = buildMemoryApp({
    passwords: cheapHasher(),
    authCacheTtlMs: TTL_MS,
    // The test counts catalog reads, not the per-user mutation budget.
    rateLimits: { mutationsPerUser: { capacity: 1_000, refillPerSecond: 1_000 } },
  });
  const reads: Reads = { membership: 0, user: 0, denylist: 0 };
  const teams: TeamRepository = {
    ...memory.deps.teams,
    membership: (teamId, userId) => (reads.membership++, memory.deps.teams.membership(teamId, userId)),
  };
  const users: UserRepository = {
    ...memory.deps.users,
    findById: (id) => (reads.user++, memory.deps.users.findById(id)),
  };
  const denylist = {
    ...memory.deps.denylist,
    isDenied: (...args: Parameters<typeof memory.deps.denylist.isDenied>) => (
      reads.denylist++,
      memory.deps.denylist.isDenied(...args)
    ),
  };
  const app = makeApplication({ ...memory.deps, teams, users, denylist });
  return { ...memory, app, reads };
};

/**
 * A second instance on the same catalog and denylist, with its own cache. `hears` is the control bus it
 * listens to: the first instance's (messages arrive) or its own (every message from the first is lost).
 */
const secondInstance = (memory: MemoryApp, hears: MemoryControlBus): Application => {
  const authCache = new MemoryAuthorizationCache(memory.clock, { ttlMs: TTL_MS, maxEntries: 1_000 });
  hears.onMessage(forgetOnControl(authCache));
  return makeApplication({ ...memory.deps, authCache, control: hears });
};

const signUpWithToken = async (app: Application, name: string) => {
  const session = await ok(
    app.auth.signUp({
      email: email(`${name}@example.com`),
      password: password('correct horse battery'),
      name: personName(name),
    }),
  );
  return { actor: { userId: session.user.id }, token: session.accessToken, refresh: session.refreshToken };
};

const withCard = async (app: Application) => {
  const w = await teamWithBoard(app);
  const list = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('To Do') }, null))).value;
  const other = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('Done') }, null))).value;
  const card = (await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId: list.id, title: title('A') }, null)))
    .value;
  return { w, lists: [list.id, other.id] as [ListId, ListId], card: card.id as CardId };
};

describe('the hot path decides from memory', () => {
  it('100 card moves by one user read the membership, the user and the denylist at most once', async () => {
    const { app, reads } = countedApp();
    const member = await signUpWithToken(app, 'mover');
    const { w, lists, card } = await withCard(app);
    const invitation = await ok(
      app.invitations.invite(w.owner, w.teamId, { email: email('mover@example.com'), role: 'member' }),
    );
    await ok(app.invitations.accept(member.actor, invitation.id));
    Object.assign(reads, { membership: 0, user: 0, denylist: 0 });
    for (let i = 0; i < 100; i++) {
      const actor = await ok(app.auth.authenticate(member.token));
      await ok(app.cards.move(actor, w.teamId, w.boardId, card, { toListId: lists[i % 2]! }, null));
    }
    expect(reads.membership).toBeLessThanOrEqual(1);
    expect(reads.user).toBeLessThanOrEqual(1);
    expect(reads.denylist).toBeLessThanOrEqual(1);
  });

  it('a user who is not a member is asked about again each time, so a new membership works at once', async () => {
    const { app, reads } = countedApp();
    const { w } = await withCard(app);
    const bob = await signUpWithToken(app, 'bob');
    expect((await fails(app.boards.get(bob.actor, w.teamId, w.boardId))).kind).toBe('not_found');
    const invitation = await ok(
      app.invitations.invite(w.owner, w.teamId, { email: email('bob@example.com'), role: 'viewer' }),
    );
    await ok(app.invitations.accept(bob.actor, invitation.id));
    await ok(app.boards.get(bob.actor, w.teamId, w.boardId));
    expect(reads.membership).toBeGreaterThanOrEqual(2);
  });
});

describe('revocations take effect on the next request of the instance that made them', () => {
  const setUp = async () => {
    const memory = countedApp();
    const { w, lists, card } = await withCard(memory.app);
    const bob = await signUpWithToken(memory.app, 'bob');
    const invitation = await ok(
      memory.app.invitations.invite(w.owner, w.teamId, { email: email('bob@example.com'), role: 'admin' }),
    );
    await ok(memory.app.invitations.accept(bob.actor, invitation.id));
    // Bob's token and membership are now remembered.
    await ok(memory.app.auth.authenticate(bob.token));
    await ok(memory.app.cards.move(bob.actor, w.teamId, w.boardId, card, { toListId: lists[1] }, null));
    return { ...memory, w, lists, card, bob };
  };

  it('a removed member is refused at once', async () => {
    const { app, w, bob } = await setUp();
    await ok(app.teams.removeMember(w.owner, w.teamId, bob.actor.userId));
    expect((await fails(app.boards.get(bob.actor, w.teamId, w.boardId))).kind).toBe('not_found');
  });

  it('a member demoted to viewer can no longer move cards', async () => {
    const { app, w, lists, card, bob } = await setUp();
    await ok(app.teams.changeRole(w.owner, w.teamId, bob.actor.userId, 'viewer'));
    const refused = await fails(app.cards.move(bob.actor, w.teamId, w.boardId, card, { toListId: lists[0] }, null));
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'insufficient_role' });
  });

  it('a logged-out access token is refused at once', async () => {
    const { app, bob } = await setUp();
    await ok(app.auth.logOut(bob.refresh, bob.token));
    expect(await fails(app.auth.authenticate(bob.token))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('signing out everywhere refuses the access token at once', async () => {
    const { app, bob } = await setUp();
    await ok(app.auth.signOutEverywhere(bob.actor));
    expect(await fails(app.auth.authenticate(bob.token))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('changing the password refuses the old access token at once', async () => {
    const { app, bob } = await setUp();
    await ok(
      app.auth.changePassword(bob.actor, {
        currentPassword: 'correct horse battery',
        newPassword: password('another horse battery'),
      }),
    );
    expect(await fails(app.auth.authenticate(bob.token))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('a deleted account cannot use its token or its memberships', async () => {
    const { app, w, bob } = await setUp();
    await ok(app.account.delete(bob.actor, { currentPassword: 'correct horse battery' }));
    expect(await fails(app.auth.authenticate(bob.token))).toMatchObject({ kind: 'unauthenticated' });
    expect((await fails(app.boards.get(bob.actor, w.teamId, w.boardId))).kind).toBe('not_found');
  });
});

describe('revocations reach the other instances', () => {
  it('another instance that hears the control message refuses the removed member and the logged-out token at once', async () => {
    const memory = countedApp();
    const { w } = await withCard(memory.app);
    const bob = await signUpWithToken(memory.app, 'bob');
    const invitation = await ok(
      memory.app.invitations.invite(w.owner, w.teamId, { email: email('bob@example.com'), role: 'member' }),
    );
    await ok(memory.app.invitations.accept(bob.actor, invitation.id));
    const other = secondInstance(memory, memory.deps.control);
    await ok(other.auth.authenticate(bob.token));
    await ok(other.boards.get(bob.actor, w.teamId, w.boardId));

    await ok(memory.app.teams.removeMember(w.owner, w.teamId, bob.actor.userId));
    await ok(memory.app.auth.logOut(bob.refresh, bob.token));

    expect((await fails(other.boards.get(bob.actor, w.teamId, w.boardId))).kind).toBe('not_found');
    expect(await fails(other.auth.authenticate(bob.token))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('an instance that missed the control message heals once the TTL has passed', async () => {
    const memory = countedApp();
    const { w } = await withCard(memory.app);
    const bob = await signUpWithToken(memory.app, 'bob');
    const invitation = await ok(
      memory.app.invitations.invite(w.owner, w.teamId, { email: email('bob@example.com'), role: 'member' }),
    );
    await ok(memory.app.invitations.accept(bob.actor, invitation.id));
    const deaf = secondInstance(memory, new MemoryControlBus());
    await ok(deaf.auth.authenticate(bob.token));
    await ok(deaf.boards.get(bob.actor, w.teamId, w.boardId));

    await ok(memory.app.teams.removeMember(w.owner, w.teamId, bob.actor.userId));
    await ok(memory.app.auth.logOut(bob.refresh, bob.token));
    // The documented window: without the message the old answers stand until the TTL runs out...
    await ok(deaf.boards.get(bob.actor, w.teamId, w.boardId));
    await ok(deaf.auth.authenticate(bob.token));

    memory.clock.advance(TTL_MS);
    // ...and not a moment longer.
    expect((await fails(deaf.boards.get(bob.actor, w.teamId, w.boardId))).kind).toBe('not_found');
    expect(await fails(deaf.auth.authenticate(bob.token))).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('the cache itself', () => {
  const clock = { now: () => new Date(0) };
  const member = (n: number) => ({
    teamId: `t${n}` as never,
    userId: 'u' as never,
    role: 'member' as const,
    addedAt: '2025-01-01T00:00:00.000Z',
  });

  it('an answer read before a revocation is not stored after it', () => {
    const cache = new MemoryAuthorizationCache(clock, { ttlMs: TTL_MS, maxEntries: 10 });
    const ticket = cache.ticket();
    cache.forgetMembership(member(1).teamId, member(1).userId);
    cache.rememberMembership(ticket, member(1));
    expect(cache.membership(member(1).teamId, member(1).userId)).toBeUndefined();
  });

  it('answers an entry until its TTL has passed, then asks again', () => {
    const now = { at: 0, now: () => new Date(now.at) };
    const cache = new MemoryAuthorizationCache(now, { ttlMs: TTL_MS, maxEntries: 10 });
    cache.rememberSession(cache.ticket(), 'jti-1', { userId: 'u' as never, familyId: 'f1' });
    now.at = TTL_MS - 1;
    expect(cache.session('jti-1')).toEqual({ userId: 'u', familyId: 'f1' });
    now.at = TTL_MS;
    expect(cache.session('jti-1')).toBeUndefined();
  });

  it("revoking one session forgets only that session's tokens; signing the user out forgets all of theirs", () => {
    const cache = new MemoryAuthorizationCache(clock, { ttlMs: TTL_MS, maxEntries: 10 });
    cache.rememberSession(cache.ticket(), 'a', { userId: 'u' as never, familyId: 'f1' });
    cache.rememberSession(cache.ticket(), 'b', { userId: 'u' as never, familyId: 'f2' });
    cache.rememberSession(cache.ticket(), 'c', { userId: 'v' as never, familyId: 'f3' });
    cache.rememberMembership(cache.ticket(), member(1));
    cache.forgetSession('f1');
    expect([cache.session('a'), cache.session('b'), cache.session('c')].map(Boolean)).toEqual([false, true, true]);
    cache.forgetUser('u' as never);
    expect([cache.session('b'), cache.session('c')].map(Boolean)).toEqual([false, true]);
    expect(cache.membership(member(1).teamId, member(1).userId)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the least recently used first', () => {
    const cache = new MemoryAuthorizationCache(clock, { ttlMs: TTL_MS, maxEntries: 2 });
    cache.rememberMembership(cache.ticket(), member(1));
    cache.rememberMembership(cache.ticket(), member(2));
    expect(cache.membership(member(1).teamId, 'u' as never)).toBeDefined();
    cache.rememberMembership(cache.ticket(), member(3));
    expect(cache.membership(member(2).teamId, 'u' as never)).toBeUndefined();
    expect(cache.membership(member(1).teamId, 'u' as never)).toBeDefined();
    expect(cache.membership(member(3).teamId, 'u' as never)).toBeDefined();
  });
});
