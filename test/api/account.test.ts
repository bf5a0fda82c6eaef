import request from 'supertest';
import { cheapHasher } from '../unit/application/fixtures';
import { PASSWORD, addMember, bearer, createTeam, expectError, refreshCookieOf, signUp, startServer } from './helpers';

describe('account API', () => {
  const { http, clock, mailer } = startServer({ passwords: cheapHasher() });
  const login = (email: string, password: string) => request(http).post('/api/auth/login').send({ email, password });

  it('PATCH /api/me renames the user without asking for the password', async () => {
    const user = await signUp(http, 'Ivy');
    const res = await request(http).patch('/api/me').set(bearer(user)).send({ name: 'Ivy Ng' });

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, name: 'Ivy Ng', email: user.email });
    expect((await request(http).get('/api/me').set(bearer(user))).body.user.name).toBe('Ivy Ng');
  });

  it('a new e-mail needs the current password; the old address is told and no longer logs in', async () => {
    const user = await signUp(http, 'Jo');
    const newEmail = `Jo.New-${user.id.slice(0, 8)}@Example.com`;
    const change = (body: object) => request(http).patch('/api/me').set(bearer(user)).send(body);

    expectError(await change({ email: newEmail }), 400, 'password_required');
    expectError(await change({ email: newEmail, currentPassword: 'not it' }), 400, 'wrong_password');
    const res = await change({ email: newEmail, currentPassword: PASSWORD, name: 'Jo Moved' });

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: newEmail.toLowerCase(), name: 'Jo Moved' });
    expect((await login(newEmail, PASSWORD)).status).toBe(200);
    expectError(await login(user.email, PASSWORD), 401, 'invalid_credentials');
    expect(mailer.sent).toContainEqual(
      expect.objectContaining({ to: user.email, text: expect.stringContaining(newEmail.toLowerCase()) }),
    );
  });

  it("taking another account's e-mail is 409 email_taken and changes nothing", async () => {
    const taken = await signUp(http, 'Kai');
    const user = await signUp(http, 'Lee');
    const res = await request(http)
      .patch('/api/me')
      .set(bearer(user))
      .send({ email: taken.email.toUpperCase(), currentPassword: PASSWORD, name: 'Renamed' });

    expectError(res, 409, 'email_taken');
    expect((await request(http).get('/api/me').set(bearer(user))).body.user).toMatchObject({
      email: user.email,
      name: 'Lee',
    });
  });

  it('bad profile input is a 400 naming the field', async () => {
    const user = await signUp(http, 'Max');
    const patch = (body: object) => request(http).patch('/api/me').set(bearer(user)).send(body);
    expect((await patch({ name: '' })).body.error.message).toBe('Name must be 1 to 100 characters');
    expectError(await patch({ email: 'not an address', currentPassword: PASSWORD }), 400, 'invalid_body');
    expectError(await patch({ nickname: 'Maxi' }), 400, 'invalid_body');
    expectError(await request(http).patch('/api/me').send({ name: 'Anonymous' }), 401);
  });

  it('changing the password ends the old sessions but answers a new one that keeps this tab signed in', async () => {
    const user = await signUp(http, 'Noor');
    const res = await request(http)
      .post('/api/me/password')
      .set(bearer(user))
      .send({ currentPassword: PASSWORD, newPassword: 'a much newer passphrase' });

    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
    const cookie = refreshCookieOf(res);
    expect(cookie).not.toBeNull();
    expect(
      (
        await request(http)
          .get('/api/me')
          .set(bearer({ token: res.body.accessToken }))
      ).status,
    ).toBe(200);
    expectError(await request(http).get('/api/me').set(bearer(user)), 401, 'token_revoked');
    expectError(await request(http).post('/api/auth/refresh').set('Cookie', user.refreshCookie), 401);
    clock.advance(1000);
    const refreshed = await request(http).post('/api/auth/refresh').set('Cookie', cookie!);
    expect(refreshed.status).toBe(200);
  });

  describe('DELETE /api/me', () => {
    it('needs the current password; a wrong or missing one deletes nothing', async () => {
      const user = await signUp(http, 'Olu');
      expectError(
        await request(http).delete('/api/me').set(bearer(user)).send({ currentPassword: 'x' }),
        400,
        'wrong_password',
      );
      expectError(await request(http).delete('/api/me').set(bearer(user)).send({}), 400, 'invalid_body');
      expect((await request(http).get('/api/me').set(bearer(user))).status).toBe(200);
    });

    it('is refused with 409 sole_owner while the user is the only owner of a team with other members', async () => {
      const owner = await signUp(http, 'Pia');
      const colleague = await signUp(http, 'Quin');
      const teamId = await createTeam(http, owner, 'Shared work');
      await addMember(http, owner, teamId, colleague, 'admin');

      const res = await request(http).delete('/api/me').set(bearer(owner)).send({ currentPassword: PASSWORD });

      expectError(res, 409, 'sole_owner');
      expect(res.body.error.message).toContain('Shared work');
      expect(
        (await request(http).get(`/api/teams/${teamId}/members`).set(bearer(colleague))).body.members,
      ).toHaveLength(2);
      expect((await login(owner.email, PASSWORD)).status).toBe(200);
    });

    it('deletes the account, its sessions and memberships; the team goes on and the e-mail is free again', async () => {
      const owner = await signUp(http, 'Rae');
      const leaving = await signUp(http, 'Sol');
      const teamId = await createTeam(http, owner, 'Stays');
      await addMember(http, owner, teamId, leaving, 'member');
      await createTeam(http, leaving, 'Only mine');

      const res = await request(http)
        .delete('/api/me')
        .set(bearer(leaving))
        .set('Cookie', leaving.refreshCookie)
        .send({ currentPassword: PASSWORD });

      expect(res.status).toBe(204);
      expect(String(res.headers['set-cookie'])).toMatch(/br_refresh=;/);
      expectError(await request(http).get('/api/me').set(bearer(leaving)), 401);
      expectError(await request(http).post('/api/auth/refresh').set('Cookie', leaving.refreshCookie), 401);
      expectError(await login(leaving.email, PASSWORD), 401, 'invalid_credentials');
      const members = await request(http).get(`/api/teams/${teamId}/members`).set(bearer(owner));
      expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([owner.id]);
      const again = await request(http)
        .post('/api/auth/signup')
        .send({ email: leaving.email, password: PASSWORD, name: 'Sol again' });
      expect(again.status).toBe(201);
      expect(
        (
          await request(http)
            .get('/api/teams')
            .set(bearer({ token: again.body.accessToken }))
        ).body.teams,
      ).toEqual([]);
    });
  });
});
