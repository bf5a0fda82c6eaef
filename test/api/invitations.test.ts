import request from 'supertest';
import {
  addMember,
  bearer,
  createTeam,
  expectError,
  invite,
  PASSWORD,
  signUp,
  startServer,
  type TestServer,
  type TestUser,
} from './helpers';

const PUBLIC_URL = 'https://board.example.com';
const DAY_MS = 24 * 3600 * 1000;

/** The token in the last invitation link mailed to `email`. */
const tokenMailedTo = (server: TestServer, email: string): string => {
  const mail = [...server.mailer.sent].reverse().find((m) => m.to === email);
  const match = mail?.text.match(/\/invitations\/accept\?token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no invitation link mailed to ${email}`);
  return match[1];
};

describe('invitations: membership needs the invitee’s consent', () => {
  // Access tokens outlive the week the expiry test skips ahead.
  const server = startServer({ publicUrl: PUBLIC_URL, accessTokenTtlSeconds: 30 * 24 * 3600 });
  const { http } = server;
  let owner: TestUser;
  let admin: TestUser;
  let teamId: string;

  const teamsOf = async (user: TestUser) =>
    (await request(http).get('/api/teams').set(bearer(user))).body.teams.map((t: { id: string }) => t.id);
  const membersOf = async () =>
    (await request(http).get(`/api/teams/${teamId}/members`).set(bearer(owner))).body.members.map(
      (m: { userId: string; role: string }) => [m.userId, m.role],
    );

  beforeAll(async () => {
    [owner, admin] = await Promise.all([signUp(http, 'Olga'), signUp(http, 'Adam')]);
    teamId = await createTeam(http, owner, 'Acme');
    await addMember(http, owner, teamId, admin, 'admin');
  });

  it('an invitation is mailed with a single-use link, and the invitee is not a member until they accept', async () => {
    const bea = await signUp(http, 'Bea');
    const res = await request(http)
      .post(`/api/teams/${teamId}/invitations`)
      .set(bearer(owner))
      .send({ email: bea.email.toUpperCase(), role: 'member' });

    expect(res.status).toBe(201);
    expect(res.body.invitation).toEqual({
      id: expect.any(String),
      teamId,
      email: bea.email,
      role: 'member',
      invitedBy: { id: owner.id, name: 'Olga' },
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/token|hash/i);
    const mail = server.mailer.sent.find((m) => m.to === bea.email);
    expect(mail?.subject).toBe('Olga invited you to Acme on Boardroom');
    expect(mail?.text).toContain(`${PUBLIC_URL}/invitations/accept?token=`);
    expect(await teamsOf(bea)).not.toContain(teamId);

    const mine = await request(http).get('/api/me/invitations').set(bearer(bea));
    expect(mine.body.invitations).toEqual([
      expect.objectContaining({
        id: res.body.invitation.id,
        team: { id: teamId, name: 'Acme' },
        role: 'member',
        invitedBy: { id: owner.id, name: 'Olga' },
      }),
    ]);
    const accepted = await request(http).post(`/api/me/invitations/${res.body.invitation.id}/accept`).set(bearer(bea));
    expect(accepted.status).toBe(200);
    expect(accepted.body.team).toMatchObject({ id: teamId, name: 'Acme' });
    expect(await teamsOf(bea)).toContain(teamId);
    expect(await membersOf()).toContainEqual([bea.id, 'member']);
    expect((await request(http).get('/api/me/invitations').set(bearer(bea))).body.invitations).toEqual([]);
  });

  it('the e-mailed link accepts once; used again it is a conflict that changes nothing', async () => {
    const cy = await signUp(http, 'Cy');
    await invite(http, admin, teamId, cy.email, 'viewer');
    const token = tokenMailedTo(server, cy.email);

    const first = await request(http).post('/api/invitations/accept').set(bearer(cy)).send({ token });
    expect(first.status).toBe(200);
    expect(first.body.team.id).toBe(teamId);
    await request(http).patch(`/api/teams/${teamId}/members/${cy.id}`).set(bearer(owner)).send({ role: 'member' });
    expectError(
      await request(http).post('/api/invitations/accept').set(bearer(cy)).send({ token }),
      409,
      'invitation_accepted',
    );
    expect(await membersOf()).toContainEqual([cy.id, 'member']);
  });

  it('a forged or malformed token is refused with a code, and a token is for its own address only', async () => {
    const dee = await signUp(http, 'Dee');
    const eve = await signUp(http, 'Eve');
    await invite(http, owner, teamId, dee.email, 'member');
    const token = tokenMailedTo(server, dee.email);

    expectError(
      await request(http)
        .post('/api/invitations/accept')
        .set(bearer(dee))
        .send({ token: 'A'.repeat(43) }),
      404,
      'invitation_not_found',
    );
    expectError(await request(http).post('/api/invitations/accept').set(bearer(dee)).send({ token: 'x y' }), 400);
    expectError(await request(http).post('/api/invitations/accept').set(bearer(dee)).send({}), 400);
    expectError(
      await request(http).post('/api/invitations/accept').set(bearer(eve)).send({ token }),
      403,
      'invitation_for_another_address',
    );
    expectError(await request(http).post('/api/invitations/accept').send({ token }), 401);
    expect(await teamsOf(eve)).not.toContain(teamId);
    expect((await request(http).get('/api/me/invitations').set(bearer(dee))).body.invitations).toHaveLength(1);
  });

  it('an invitation expires after 7 days: the link and the list refuse it', async () => {
    const fay = await signUp(http, 'Fay');
    const id = await invite(http, owner, teamId, fay.email, 'member');
    const token = tokenMailedTo(server, fay.email);
    server.clock.advance(7 * DAY_MS + 1000);
    try {
      expectError(
        await request(http).post('/api/invitations/accept').set(bearer(fay)).send({ token }),
        409,
        'invitation_expired',
      );
      expectError(
        await request(http).post(`/api/me/invitations/${id}/accept`).set(bearer(fay)),
        409,
        'invitation_expired',
      );
      expect((await request(http).get('/api/me/invitations').set(bearer(fay))).body.invitations).toEqual([]);
      expect(await teamsOf(fay)).not.toContain(teamId);
    } finally {
      server.clock.advance(-(7 * DAY_MS + 1000));
    }
  });

  it('owners and admins see pending invitations and can revoke them; the revoked link stops working', async () => {
    const gus = await signUp(http, 'Gus');
    const id = await invite(http, owner, teamId, gus.email, 'member');
    const token = tokenMailedTo(server, gus.email);

    const pending = await request(http).get(`/api/teams/${teamId}/invitations`).set(bearer(admin));
    expect(pending.status).toBe(200);
    expect(pending.body.invitations).toContainEqual(expect.objectContaining({ id, email: gus.email, role: 'member' }));
    expect((await request(http).delete(`/api/teams/${teamId}/invitations/${id}`).set(bearer(admin))).status).toBe(204);

    expectError(
      await request(http).post('/api/invitations/accept').set(bearer(gus)).send({ token }),
      409,
      'invitation_revoked',
    );
    expectError(await request(http).delete(`/api/teams/${teamId}/invitations/${id}`).set(bearer(admin)), 409);
    const after = await request(http).get(`/api/teams/${teamId}/invitations`).set(bearer(admin));
    expect(after.body.invitations.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(await teamsOf(gus)).not.toContain(teamId);
  });

  it('declining ends the invitation without a membership', async () => {
    const hal = await signUp(http, 'Hal');
    const id = await invite(http, owner, teamId, hal.email, 'member');

    expect((await request(http).post(`/api/me/invitations/${id}/decline`).set(bearer(hal))).status).toBe(204);
    expectError(
      await request(http).post(`/api/me/invitations/${id}/accept`).set(bearer(hal)),
      409,
      'invitation_declined',
    );
    expect(await teamsOf(hal)).not.toContain(teamId);
  });

  it('inviting again refreshes the pending invitation: same id, new role, and only the new link works', async () => {
    const ida = await signUp(http, 'Ida');
    const first = await invite(http, owner, teamId, ida.email, 'viewer');
    const oldToken = tokenMailedTo(server, ida.email);
    const second = await invite(http, owner, teamId, ida.email, 'admin');
    const newToken = tokenMailedTo(server, ida.email);

    expect(second).toBe(first);
    expectError(
      await request(http).post('/api/invitations/accept').set(bearer(ida)).send({ token: oldToken }),
      404,
      'invitation_not_found',
    );
    expect(
      (await request(http).post('/api/invitations/accept').set(bearer(ida)).send({ token: newToken })).status,
    ).toBe(200);
    expect(await membersOf()).toContainEqual([ida.id, 'admin']);
  });

  it('an account that claims the invited address only after the invitation was sent cannot take it in the app', async () => {
    const address = `nobody-yet-${Date.now()}@example.com`;
    const invitationId = await invite(http, owner, teamId, address, 'admin');
    // Mallory signs up with the address (nothing verifies it) and looks for the invitation in the app.
    const signup = await request(http)
      .post('/api/auth/signup')
      .send({ email: address, password: PASSWORD, name: 'Mallory' });
    const mallory = { token: signup.body.accessToken as string };
    expect((await request(http).get('/api/me/invitations').set(bearer(mallory))).body.invitations).toEqual([]);
    expectError(
      await request(http).post(`/api/me/invitations/${invitationId}/accept`).set(bearer(mallory)),
      404,
      'invitation_not_found',
    );
    // Renaming an older account to an address invited later does not work either.
    const other = `invited-later-${Date.now()}@example.com`;
    const eve = await signUp(http, 'Eve');
    const second = await invite(http, owner, teamId, other, 'admin');
    const renamed = await request(http)
      .patch('/api/me')
      .set(bearer(eve))
      .send({ email: other, currentPassword: PASSWORD });
    expect(renamed.status).toBe(200);
    expectError(await request(http).post(`/api/me/invitations/${second}/accept`).set(bearer(eve)), 404);
    expect(await teamsOf(eve)).toEqual([]);
    // The mailed link, which proves the mailbox, still lets the address's owner in.
    const accepted = await request(http)
      .post('/api/invitations/accept')
      .set(bearer(mallory))
      .send({ token: tokenMailedTo(server, address) });
    expect(accepted.status).toBe(200);
  });

  it("someone else's invitation, or another team's, is not found by id", async () => {
    const jo = await signUp(http, 'Jo');
    const kim = await signUp(http, 'Kim');
    const rivalOwner = await signUp(http, 'Rex');
    const rivalTeam = await createTeam(http, rivalOwner, 'Rival');
    const id = await invite(http, owner, teamId, jo.email, 'member');

    expectError(
      await request(http).post(`/api/me/invitations/${id}/accept`).set(bearer(kim)),
      404,
      'invitation_not_found',
    );
    expectError(
      await request(http).post(`/api/me/invitations/${id}/decline`).set(bearer(kim)),
      404,
      'invitation_not_found',
    );
    expectError(
      await request(http).delete(`/api/teams/${rivalTeam}/invitations/${id}`).set(bearer(rivalOwner)),
      404,
      'invitation_not_found',
    );
    expectError(await request(http).delete(`/api/teams/${teamId}/invitations/${id}`).set(bearer(rivalOwner)), 404);
    expectError(await request(http).post('/api/me/invitations/not-a-uuid/accept').set(bearer(jo)), 400);
    expect((await request(http).get('/api/me/invitations').set(bearer(jo))).body.invitations).toHaveLength(1);
  });

  it('only those who may grant the role may invite: members cannot, admins cannot invite owners', async () => {
    const member = await signUp(http, 'Max');
    await addMember(http, owner, teamId, member, 'member');

    expectError(
      await request(http)
        .post(`/api/teams/${teamId}/invitations`)
        .set(bearer(member))
        .send({ email: 'a@example.com', role: 'viewer' }),
      403,
    );
    expectError(await request(http).get(`/api/teams/${teamId}/invitations`).set(bearer(member)), 403);
    expectError(
      await request(http)
        .post(`/api/teams/${teamId}/invitations`)
        .set(bearer(admin))
        .send({ email: 'b@example.com', role: 'owner' }),
      403,
      'cannot_grant',
    );
    expectError(
      await request(http)
        .post(`/api/teams/${teamId}/invitations`)
        .set(bearer(owner))
        .send({ email: 'not-an-email', role: 'member' }),
      400,
    );
    expectError(
      await request(http)
        .post(`/api/teams/${teamId}/invitations`)
        .set(bearer(owner))
        .send({ email: 'c@example.com', role: 'king' }),
      400,
    );
  });

  it('an invitee without an account signs up with the invited address and then accepts the link', async () => {
    const email = `newbie-${Date.now()}@example.com`;
    await invite(http, owner, teamId, email, 'member');
    const token = tokenMailedTo(server, email);
    const res = await request(http)
      .post('/api/auth/signup')
      .send({ email, password: 'correct horse battery staple', name: 'Newbie' });
    const newbie = { token: res.body.accessToken as string };

    expect((await request(http).post('/api/invitations/accept').set(bearer(newbie)).send({ token })).status).toBe(200);
    const teams = await request(http).get('/api/teams').set(bearer(newbie));
    expect(teams.body.teams.map((t: { id: string }) => t.id)).toEqual([teamId]);
  });

  it('one person sends at most 100 invitations an hour; the next is 429 and sends no mail', async () => {
    const busy = await signUp(http, 'Busy');
    const team = await createTeam(http, busy, 'Mailer');
    for (let n = 0; n < 100; n++) await invite(http, busy, team, `guest-${n}@example.com`, 'viewer');
    const mailed = server.mailer.sent.length;

    const res = await request(http)
      .post(`/api/teams/${team}/invitations`)
      .set(bearer(busy))
      .send({ email: 'one-too-many@example.com', role: 'viewer' });
    expectError(res, 429, 'rate_limited');
    expect(res.headers['retry-after']).toBeDefined();
    expect(server.mailer.sent.length).toBe(mailed);
  });
});
