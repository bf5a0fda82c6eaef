import request from 'supertest';
import type { ControlMessage } from '../../src/application/ports';
import { addMember, bearer, createTeam, expectError, signUp, startServer, type TestUser } from './helpers';

describe('team members: roles, removal, leaving, and always an owner', () => {
  const { http, control } = startServer();
  let owner: TestUser;
  let teamId: string;
  const heard: ControlMessage[] = [];

  const rolesOf = async (team: string, asker: TestUser) =>
    (await request(http).get(`/api/teams/${team}/members`).set(bearer(asker))).body.members.map(
      (m: { user: { name: string }; role: string }) => [m.user.name, m.role],
    );

  /** The team's members as the first of `askers` still in it sees them; none when nobody is. */
  const membersSeenByEither = async (team: string, askers: TestUser[]) => {
    for (const asker of askers) {
      const res = await request(http).get(`/api/teams/${team}/members`).set(bearer(asker));
      if (res.status === 200) return res.body.members as { role: string }[];
    }
    return [];
  };

  beforeAll(async () => {
    control.onMessage((m) => heard.push(m));
    owner = await signUp(http, 'Olga');
    teamId = await createTeam(http, owner, 'Acme');
  });

  it("an owner changes a member's role, and every instance hears it", async () => {
    const bo = await signUp(http, 'Bo');
    await addMember(http, owner, teamId, bo, 'viewer');
    const res = await request(http)
      .patch(`/api/teams/${teamId}/members/${bo.id}`)
      .set(bearer(owner))
      .send({ role: 'admin' });

    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ userId: bo.id, role: 'admin', user: { name: 'Bo' } });
    expect(heard).toContainEqual({ type: 'member.role_changed', teamId, userId: bo.id, role: 'admin' });
    expect(await rolesOf(teamId, owner)).toContainEqual(['Bo', 'admin']);
  });

  it('an admin cannot make an owner or touch an owner; a member cannot change roles', async () => {
    const ad = await signUp(http, 'Ad');
    const mo = await signUp(http, 'Mo');
    await addMember(http, owner, teamId, ad, 'admin');
    await addMember(http, owner, teamId, mo, 'member');

    expectError(
      await request(http).patch(`/api/teams/${teamId}/members/${mo.id}`).set(bearer(ad)).send({ role: 'owner' }),
      403,
      'cannot_grant',
    );
    expectError(
      await request(http).patch(`/api/teams/${teamId}/members/${owner.id}`).set(bearer(ad)).send({ role: 'viewer' }),
      403,
      'cannot_grant',
    );
    expectError(await request(http).delete(`/api/teams/${teamId}/members/${owner.id}`).set(bearer(ad)), 403);
    expectError(
      await request(http).patch(`/api/teams/${teamId}/members/${ad.id}`).set(bearer(mo)).send({ role: 'viewer' }),
      403,
      'insufficient_role',
    );
    expect(
      (await request(http).patch(`/api/teams/${teamId}/members/${mo.id}`).set(bearer(ad)).send({ role: 'viewer' }))
        .status,
    ).toBe(200);
  });

  it('bad input is a 400 naming the field, and an unknown member is not found', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expectError(
      await request(http).patch(`/api/teams/${teamId}/members/${owner.id}`).set(bearer(owner)).send({ role: 'king' }),
      400,
    );
    expectError(
      await request(http)
        .patch(`/api/teams/${teamId}/members/${owner.id}`)
        .set(bearer(owner))
        .send({ role: 'owner', x: 1 }),
      400,
    );
    expectError(await request(http).delete(`/api/teams/${teamId}/members/not-a-uuid`).set(bearer(owner)), 400);
    expectError(
      await request(http).patch(`/api/teams/${teamId}/members/${nobody}`).set(bearer(owner)).send({ role: 'viewer' }),
      404,
      'member_not_found',
    );
  });

  it('the last owner can neither leave, be demoted nor be removed', async () => {
    expectError(await request(http).post(`/api/teams/${teamId}/leave`).set(bearer(owner)), 409, 'last_owner');
    expectError(
      await request(http).patch(`/api/teams/${teamId}/members/${owner.id}`).set(bearer(owner)).send({ role: 'admin' }),
      409,
      'last_owner',
    );
    expectError(
      await request(http).delete(`/api/teams/${teamId}/members/${owner.id}`).set(bearer(owner)),
      409,
      'last_owner',
    );
    expect(await rolesOf(teamId, owner)).toContainEqual(['Olga', 'owner']);
  });

  it('a member leaves: 204, the team is gone from their list, and every instance hears it', async () => {
    const lu = await signUp(http, 'Lu');
    await addMember(http, owner, teamId, lu, 'member');

    expect((await request(http).post(`/api/teams/${teamId}/leave`).set(bearer(lu))).status).toBe(204);
    expect((await request(http).get('/api/teams').set(bearer(lu))).body.teams).toEqual([]);
    expect(heard).toContainEqual({ type: 'member.removed', teamId, userId: lu.id });
    expectError(await request(http).post(`/api/teams/${teamId}/leave`).set(bearer(lu)), 404);
  });

  it('a removed member is told on the control channel and no longer sees the team', async () => {
    const rita = await signUp(http, 'Rita');
    await addMember(http, owner, teamId, rita, 'member');

    expect((await request(http).delete(`/api/teams/${teamId}/members/${rita.id}`).set(bearer(owner))).status).toBe(204);
    expect(heard).toContainEqual({ type: 'member.removed', teamId, userId: rita.id });
    expectError(await request(http).get(`/api/teams/${teamId}/members`).set(bearer(rita)), 404);
  });

  it('with a second owner, an owner may step down or leave', async () => {
    const co = await signUp(http, 'Co');
    const team = await createTeam(http, co, 'Duo');
    await addMember(http, co, team, owner, 'owner');

    expect(
      (await request(http).patch(`/api/teams/${team}/members/${co.id}`).set(bearer(co)).send({ role: 'admin' })).status,
    ).toBe(200);
    expect((await request(http).post(`/api/teams/${team}/leave`).set(bearer(co))).status).toBe(204);
    expect(await rolesOf(team, owner)).toEqual([['Olga', 'owner']]);
  });

  it('two owners removing or demoting each other at the same moment never leave a team ownerless (100 trials)', async () => {
    const [a, b] = await Promise.all([signUp(http, 'Ann'), signUp(http, 'Ben')]);
    let ownerless = 0;
    for (let trial = 0; trial < 100; trial++) {
      // Founder and invitee take turns, so neither spends more than half of their hourly invitations.
      const [founder, invitee] = trial % 4 < 2 ? [a, b] : [b, a];
      const team = await createTeam(http, founder, `Race ${trial}`);
      await addMember(http, founder, team, invitee, 'owner');
      const bAgainstA =
        trial % 2 === 0
          ? request(http).delete(`/api/teams/${team}/members/${a.id}`).set(bearer(b))
          : request(http).patch(`/api/teams/${team}/members/${a.id}`).set(bearer(b)).send({ role: 'member' });
      const answers = await Promise.all([
        request(http).delete(`/api/teams/${team}/members/${b.id}`).set(bearer(a)),
        bAgainstA,
      ]);
      for (const res of answers) expect([200, 204, 403, 404, 409]).toContain(res.status);
      const owners = (await membersSeenByEither(team, [a, b])).filter((m) => m.role === 'owner');
      if (owners.length === 0) ownerless++;
    }
    expect(ownerless).toBe(0);
  });

  it('GET /api/teams pages with limit and cursor; GET /api/me stays bounded', async () => {
    const pat = await signUp(http, 'Pat');
    const names = ['T1', 'T2', 'T3', 'T4', 'T5'];
    for (const name of names) await createTeam(http, pat, name);

    const first = await request(http).get('/api/teams?limit=2').set(bearer(pat));
    const second = await request(http).get(`/api/teams?limit=2&cursor=${first.body.nextCursor}`).set(bearer(pat));
    const third = await request(http).get(`/api/teams?limit=2&cursor=${second.body.nextCursor}`).set(bearer(pat));
    const all = [first, second, third].flatMap((r) => r.body.teams.map((t: { name: string }) => t.name));

    expect(all).toEqual(names);
    expect(third.body.nextCursor).toBeNull();
    expectError(await request(http).get('/api/teams?limit=0').set(bearer(pat)), 400);
    expectError(await request(http).get('/api/teams?limit=101').set(bearer(pat)), 400);
    expectError(await request(http).get('/api/teams?cursor=garbage!').set(bearer(pat)), 400);
    expectError(await request(http).get('/api/teams?cursor=eyJ4IjoxfQ').set(bearer(pat)), 400);
    const me = await request(http).get('/api/me').set(bearer(pat));
    expect(me.body.teams.map((t: { name: string }) => t.name)).toEqual(names);
  });
});
