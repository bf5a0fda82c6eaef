import { v4 } from 'uuid';
import { asUuid, type DigestMode, type NewNotification, type UserId } from '../../../src/domain';
import { buildMemoryApp } from '../../support/memory-app';
import { cheapHasher, ok, signUp } from './fixtures';

/** A comment notification for `userId` on a card of its own. */
const comment = (userId: UserId): NewNotification => ({
  userId,
  kind: 'comment',
  key: `comment:${v4()}`,
  teamId: asUuid(v4()),
  boardId: asUuid(v4()),
  cardId: asUuid(v4()),
  actor: { id: asUuid(v4()), name: 'Ada' },
  title: 'Fix the login page',
  boardTitle: 'Roadmap',
  excerpt: 'Looks good',
  at: '2025-01-15T09:00:00.000Z',
});

describe('changing the digest mode applies to e-mail already queued', () => {
  // The memory app's clock starts at 09:00 UTC and its per-card window is one minute.
  const world = async (digest: DigestMode) => {
    const memory = buildMemoryApp({ passwords: cheapHasher() });
    const bob = await signUp(memory.app, 'Bob');
    await ok(memory.app.auth.updateSettings(bob, { digest }));
    const due = async (minutes: number) => {
      const at = new Date(memory.clock.now().getTime() + minutes * 60_000);
      const batches = await ok(memory.deps.mailQueue.claimDue(at, 100, 1_000, v4()));
      for (const b of batches) await ok(memory.deps.mailQueue.complete(b, at));
      return batches.map((b) => [b.batchKey, b.items.length]);
    };
    return { ...memory, bob, due };
  };

  it('from a daily digest to "immediately": what waited for midnight goes out after the per-card window', async () => {
    const { app, deps, bob, due } = await world('daily');
    const [first, second] = [comment(bob.userId), comment(bob.userId)];
    await ok(deps.notify([first, second]));
    expect(await due(1)).toEqual([]);
    await ok(app.auth.updateSettings(bob, { digest: 'immediately' }));
    expect((await due(1)).sort()).toEqual(
      [
        [`card:${first.cardId}`, 1],
        [`card:${second.cardId}`, 1],
      ].sort(),
    );
    expect(await due(24 * 60)).toEqual([]);
  });

  it('from "immediately" to hourly: pending per-card messages fold into the next hourly digest', async () => {
    const { app, deps, bob, due } = await world('immediately');
    await ok(deps.notify([comment(bob.userId), comment(bob.userId)]));
    await ok(app.auth.updateSettings(bob, { digest: 'hourly' }));
    expect(await due(1)).toEqual([]);
    expect(await due(60)).toEqual([['digest:hourly', 2]]);
  });

  it('a change of something else moves nothing', async () => {
    const { app, deps, bob, due } = await world('daily');
    await ok(deps.notify([comment(bob.userId)]));
    await ok(app.auth.updateSettings(bob, { email: { due: false } }));
    expect(await due(60)).toEqual([]);
    expect(await due(15 * 60)).toEqual([['digest:daily', 1]]);
  });
});
