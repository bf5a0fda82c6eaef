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
});
