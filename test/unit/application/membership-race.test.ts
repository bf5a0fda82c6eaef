import { inviteAndAccept, ok, quickApp, signUp, title } from './fixtures';

describe('the "at least one owner" rule under concurrency (memory)', () => {
  it('two owners removing or demoting each other at the same moment never leave a team ownerless (100 trials)', async () => {
    const { app } = quickApp();
    const a = await signUp(app, 'Ann');
    const b = await signUp(app, 'Ben');
    let ownerless = 0;
    for (let trial = 0; trial < 100; trial++) {
      // Founder and invitee take turns, so neither spends more than half of their hourly invitations.
      const [founder, invitee, name] = trial % 4 < 2 ? [a, b, 'Ben'] : [b, a, 'Ann'];
      const team = await ok(app.teams.create(founder, { name: title(`Race ${trial}`) }));
      await inviteAndAccept(app, founder, team.id, invitee, name, 'owner');
      await Promise.all([
        app.teams.removeMember(a, team.id, b.userId)(),
        trial % 2 === 0
          ? app.teams.removeMember(b, team.id, a.userId)()
          : app.teams.changeRole(b, team.id, a.userId, 'viewer')(),
      ]);
      const seen = [await app.teams.listMembers(a, team.id)(), await app.teams.listMembers(b, team.id)()];
      const members = seen.flatMap((r) => (r._tag === 'Right' ? [r.right] : []))[0] ?? [];
      if (!members.some((m) => m.role === 'owner')) ownerless++;
    }
    expect(ownerless).toBe(0);
  });
});
