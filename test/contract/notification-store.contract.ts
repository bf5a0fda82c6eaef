import type { NotificationStore, TeamRepository, UserRepository } from '../../src/application/ports';
import type { NewNotification, Team, User } from '../../src/domain';
import { fail, newId, ok, type Subject } from './fixtures';
import { aUser } from './user-repository.contract';

/** Inboxes show only teams the person is still in, so the suite gets the catalog's users and teams too. */
export interface NotificationPorts {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  readonly notifications: NotificationStore;
}

/** The NotificationStore contract, run against every adapter. */
export const registerNotificationStoreContract = (
  name: string,
  factory: () => Promise<Subject<NotificationPorts>>,
): void => {
  describe(`NotificationStore contract: ${name}`, () => {
    let subject: Subject<NotificationPorts>;
    let store: NotificationStore;
    const at = '2026-12-02T10:00:00.000Z';

    beforeEach(async () => {
      subject = await factory();
      store = subject.port.notifications;
    });
    afterEach(() => subject.close());

    const person = (): Promise<User> => ok(subject.port.users.create(aUser(), 'h'));
    const teamOf = async (owner: User): Promise<Team> => {
      const team: Team = { id: newId(), name: 'Platform', createdAt: at, createdBy: owner.id };
      await ok(subject.port.teams.create(team, { teamId: team.id, userId: owner.id, role: 'owner', addedAt: at }));
      return team;
    };
    const join = (team: Team, user: User) =>
      ok(subject.port.teams.addMember({ teamId: team.id, userId: user.id, role: 'member', addedAt: at }));
    const item = (user: User, team: Team, key: string, over: Partial<NewNotification> = {}): NewNotification => ({
      userId: user.id,
      kind: 'comment',
      key,
      teamId: team.id,
      boardId: newId(),
      cardId: newId(),
      actor: { id: newId(), name: 'Ann' },
      title: 'Ship it',
      boardTitle: 'Roadmap',
      excerpt: `about ${key}`,
      at,
      ...over,
    });

    it('stores a notification once per person and key, and says which call stored it', async () => {
      const bob = await person();
      const team = await teamOf(bob);
      const [first] = await ok(store.record([item(bob, team, 'comment:1')]));
      expect(first).toMatchObject({ created: true, notification: { key: 'comment:1', readAt: null, userId: bob.id } });
      const [again] = await ok(store.record([item(bob, team, 'comment:1', { title: 'other' })]));
      expect(again).toEqual({ created: false, notification: first!.notification });
      const page = await ok(store.list(bob.id, { limit: 10 }));
      expect(page.notifications).toEqual([first!.notification]);
      expect(page.unread).toBe(1);
    });

    it('answers every item in order, a key repeated in one batch created once', async () => {
      const bob = await person();
      const team = await teamOf(bob);
      const got = await ok(store.record([item(bob, team, 'a'), item(bob, team, 'b'), item(bob, team, 'a')]));
      expect(got.map((r) => [r.notification.key, r.created])).toEqual([
        ['a', true],
        ['b', true],
        ['a', false],
      ]);
      expect(got[0]!.notification.id).toBe(got[2]!.notification.id);
    });

    it('keeps the same key of two people apart', async () => {
      const [bob, cid] = [await person(), await person()];
      const team = await teamOf(bob);
      await join(team, cid);
      const got = await ok(store.record([item(bob, team, 'k'), item(cid, team, 'k')]));
      expect(got.map((r) => r.created)).toEqual([true, true]);
      expect((await ok(store.list(cid.id, { limit: 10 }))).notifications.map((n) => n.userId)).toEqual([cid.id]);
    });

    it('lists newest first in pages that follow each other without gaps or repeats', async () => {
      const bob = await person();
      const team = await teamOf(bob);
      for (const k of ['1', '2', '3', '4', '5']) await ok(store.record([item(bob, team, k)]));
      const first = await ok(store.list(bob.id, { limit: 2 }));
      expect(first.notifications.map((n) => n.key)).toEqual(['5', '4']);
      const second = await ok(store.list(bob.id, { limit: 2, cursor: first.nextCursor! }));
      expect(second.notifications.map((n) => n.key)).toEqual(['3', '2']);
      const last = await ok(store.list(bob.id, { limit: 2, cursor: second.nextCursor! }));
      expect(last.notifications.map((n) => n.key)).toEqual(['1']);
      expect(last.nextCursor).toBeNull();
      expect(last.unread).toBe(5);
    });

    it('refuses a cursor it did not hand out', async () => {
      const bob = await person();
      expect(await fail(store.list(bob.id, { limit: 2, cursor: 'nonsense' }))).toMatchObject({ kind: 'validation' });
    });

    it('marks chosen or all notifications read, ignoring other people’s ids', async () => {
      const [bob, cid] = [await person(), await person()];
      const team = await teamOf(bob);
      await join(team, cid);
      const [a, b, c] = await ok(store.record([item(bob, team, 'a'), item(bob, team, 'b'), item(bob, team, 'c')]));
      const [theirs] = await ok(store.record([item(cid, team, 'x')]));
      const readAt = new Date('2026-12-02T11:00:00.000Z');
      const ids = [a!.notification.id, theirs!.notification.id, 'not-an-id'];
      expect(await ok(store.markRead(bob.id, { ids }, readAt))).toBe(2);
      expect((await ok(store.list(cid.id, { limit: 10 }))).unread).toBe(1);
      const page = await ok(store.list(bob.id, { limit: 10 }));
      expect(page.notifications.find((n) => n.id === a!.notification.id)?.readAt).toBe(readAt.toISOString());
      expect(await ok(store.markRead(bob.id, { all: true }, readAt))).toBe(0);
      expect([b, c].every(Boolean)).toBe(true);
    });

    it('marks the person’s unread notification with a key read, once, and answers its id and the count', async () => {
      const [bob, cid] = [await person(), await person()];
      const team = await teamOf(bob);
      await join(team, cid);
      const [invited] = await ok(
        store.record([item(bob, team, 'invited:1', { kind: 'invited' }), item(bob, team, 'b')]),
      );
      await ok(store.record([item(cid, team, 'invited:1', { kind: 'invited' })]));
      const readAt = new Date('2026-12-02T11:00:00.000Z');
      expect(await ok(store.markReadByKey(bob.id, 'invited:1', readAt))).toEqual({
        ids: [invited!.notification.id],
        unread: 1,
      });
      expect(await ok(store.markReadByKey(bob.id, 'invited:1', readAt))).toEqual({ ids: [], unread: 1 });
      expect(await ok(store.markReadByKey(bob.id, 'never-stored', readAt))).toEqual({ ids: [], unread: 1 });
      expect((await ok(store.list(cid.id, { limit: 10 }))).unread).toBe(1);
      const page = await ok(store.list(bob.id, { limit: 10 }));
      expect(page.notifications.find((n) => n.key === 'invited:1')?.readAt).toBe(readAt.toISOString());
    });

    it('hides and stops counting a team’s notifications once the person left it, invitations excepted', async () => {
      const [owner, bob] = [await person(), await person()];
      const team = await teamOf(owner);
      const other = await teamOf(owner);
      await join(team, bob);
      await ok(store.record([item(bob, team, 'in-team'), item(bob, other, 'invited:1', { kind: 'invited' })]));
      expect((await ok(store.list(bob.id, { limit: 10 }))).unread).toBe(2);
      await ok(subject.port.teams.changeMembership(team.id, owner.id, bob.id, { kind: 'remove' }));
      const page = await ok(store.list(bob.id, { limit: 10 }));
      expect(page.notifications.map((n) => n.key)).toEqual(['invited:1']);
      expect(page.unread).toBe(1);
    });
  });
};
