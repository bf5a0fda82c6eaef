import { email, ok } from '../application/fixtures';
import { eventually } from '../../support/wait';
import { closingWorldsAfterEach, signUpWithToken, world } from './realtime-fixture';

const track = closingWorldsAfterEach();

describe('notifications over the socket', () => {
  it('reach every authenticated socket of the person, subscribed to no board, and nobody else', async () => {
    const w = await track(world());
    const bob = await signUpWithToken(w.app, 'Bob');
    const [tab1, tab2] = [await w.connect(bob), await w.connect(bob)];
    const alice = await w.connect();
    const invitation = await ok(
      w.app.invitations.invite(w.owner.actor, w.teamId, { email: email('bob@example.com'), role: 'member' }),
    );
    await eventually(() => {
      for (const tab of [tab1, tab2]) {
        expect(tab.ofType('notification')).toEqual([
          {
            type: 'notification',
            notification: expect.objectContaining({
              kind: 'invited',
              key: `invited:${invitation.id}`,
              userId: bob.actor.userId,
              title: 'Acme',
            }),
          },
        ]);
      }
    });
    expect(alice.ofType('notification')).toEqual([]);
  });

  it('marking read in one tab tells every socket of the person the ids and the unread count, and nobody else', async () => {
    const w = await track(world());
    const bob = await signUpWithToken(w.app, 'Bob');
    const [tab1, tab2] = [await w.connect(bob), await w.connect(bob)];
    const alice = await w.connect();
    await ok(w.app.invitations.invite(w.owner.actor, w.teamId, { email: email('bob@example.com'), role: 'member' }));
    const inbox = await ok(w.app.notifications.list(bob.actor, {}));
    const id = inbox.notifications[0]!.id;

    expect(await ok(w.app.notifications.markRead(bob.actor, { ids: [id] }))).toBe(0);

    await eventually(() => {
      for (const tab of [tab1, tab2])
        expect(tab.ofType('notifications.read')).toEqual([{ type: 'notifications.read', ids: [id], unread: 0 }]);
    });
    await ok(w.app.notifications.markRead(bob.actor, { all: true }));
    await eventually(() => expect(tab2.ofType('notifications.read')).toHaveLength(2));
    expect(tab2.ofType('notifications.read')[1]).toEqual({ type: 'notifications.read', all: true, unread: 0 });
    expect(alice.ofType('notifications.read')).toEqual([]);
  });

  it('accepting the invitation tells every tab its notification is read', async () => {
    const w = await track(world());
    const bob = await signUpWithToken(w.app, 'Bob');
    const tab = await w.connect(bob);
    const invitation = await ok(
      w.app.invitations.invite(w.owner.actor, w.teamId, { email: email('bob@example.com'), role: 'member' }),
    );
    await eventually(() => expect(tab.ofType('notification')).toHaveLength(1));
    const { id } = tab.ofType('notification')[0]!.notification as { id: string };

    await ok(w.app.invitations.accept(bob.actor, invitation.id));

    await eventually(() =>
      expect(tab.ofType('notifications.read')).toEqual([{ type: 'notifications.read', ids: [id], unread: 0 }]),
    );
  });
});
