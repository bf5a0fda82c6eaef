import request from 'supertest';
import { ALLOWED_ORIGIN, PASSWORD, bearer, expectError, refreshCookieOf, signUp, startServer } from './helpers';

describe('auth API', () => {
  const server = startServer({ accessTokenTtlSeconds: 900 });
  const { http, clock } = server;

  it('signing up answers 201 with the user and an access token, and sets an HttpOnly refresh cookie', async () => {
    const res = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'Dana@Example.com', password: PASSWORD, name: 'Dana' });

    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'dana@example.com', name: 'Dana' });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|refreshToken|correct horse/);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookie).toMatch(/^br_refresh=[^;]+;/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('the refresh cookie is Secure when the server is configured for HTTPS', async () => {
    const secure = startServer({ cookieSecure: true });
    const res = await request(secure.http)
      .post('/api/auth/signup')
      .send({ email: 'secure@example.com', password: PASSWORD, name: 'Sec' });

    expect(res.status).toBe(201);
    expect((res.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(/; Secure/);
  });

  it('signing up with an email already in use is a conflict', async () => {
    const user = await signUp(http, 'Erin');
    const res = await request(http)
      .post('/api/auth/signup')
      .send({ email: user.email.toUpperCase(), password: PASSWORD, name: 'Erin again' });

    expectError(res, 409);
  });

  it('logging in with the right password starts a session and a wrong one is refused', async () => {
    const user = await signUp(http, 'Finn');
    const good = await request(http).post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    const bad = await request(http).post('/api/auth/login').send({ email: user.email, password: 'not the password' });

    expect(good.status).toBe(200);
    expect(good.body.user.id).toBe(user.id);
    expect(refreshCookieOf(good)).not.toBeNull();
    expectError(bad, 401);
    expect(refreshCookieOf(bad)).toBeNull();
  });

  it('GET /api/me names the signed-in user and their teams', async () => {
    const user = await signUp(http, 'Gail');
    await request(http).post('/api/teams').set(bearer(user)).send({ name: 'Gail Co' });
    const res = await request(http).get('/api/me').set(bearer(user));

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, email: user.email });
    expect(res.body.teams).toEqual([expect.objectContaining({ name: 'Gail Co', role: 'owner' })]);
  });

  it('an anonymous or forged request to a protected route is 401', async () => {
    expectError(await request(http).get('/api/me'), 401);
    expectError(await request(http).get('/api/me').set('Authorization', 'Bearer not.a.jwt'), 401);
    expectError(await request(http).get('/api/teams').set('Authorization', 'Basic dXNlcjpwYXNz'), 401);
  });

  it('PATCH /api/me/settings changes only the given notification settings', async () => {
    const user = await signUp(http, 'Hana');
    const res = await request(http)
      .patch('/api/me/settings')
      .set(bearer(user))
      .send({ email: { comment: false }, digest: 'hourly' });

    expect(res.status).toBe(200);
    expect(res.body.user.settings).toEqual({
      email: { assigned: true, mentioned: true, comment: false, due: true, invited: true },
      digest: 'hourly',
      timeZone: 'UTC',
    });
    const me = await request(http).get('/api/me').set(bearer(user));
    expect(me.body.user.settings).toEqual(res.body.user.settings);
  });

  it('PATCH /api/me/settings still understands the first-version keys', async () => {
    const user = await signUp(http, 'Hank');
    const res = await request(http)
      .patch('/api/me/settings')
      .set(bearer(user))
      .send({ emailOnMention: false, emailOnAssignment: false, dailyDigest: true });

    expect(res.status).toBe(200);
    expect(res.body.user.settings).toEqual({
      email: { assigned: false, mentioned: false, comment: true, due: true, invited: true },
      digest: 'daily',
      timeZone: 'UTC',
    });
  });

  it('PATCH /api/me/settings refuses an unknown digest or kind with a 400 naming the field', async () => {
    const user = await signUp(http, 'Hedy');
    const digest = await request(http).patch('/api/me/settings').set(bearer(user)).send({ digest: 'weekly' });
    expectError(digest, 400);
    expect(digest.body.error.message).toBe('Digest must be one of immediately, hourly or daily');
    expectError(
      await request(http)
        .patch('/api/me/settings')
        .set(bearer(user))
        .send({ email: { lunch: true } }),
      400,
    );
  });

  it("the browser's time zone is kept from sign-up and can be changed; an unknown zone is a 400 naming it", async () => {
    const res = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'zoe@example.com', password: 'correct horse battery', name: 'Zoe', timeZone: 'Asia/Kolkata' });
    expect(res.status).toBe(201);
    expect(res.body.user.settings.timeZone).toBe('Asia/Kolkata');
    const user = { token: res.body.accessToken as string };
    const moved = await request(http).patch('/api/me/settings').set(bearer(user)).send({ timeZone: 'America/Denver' });
    expect(moved.status).toBe(200);
    expect(moved.body.user.settings).toMatchObject({ digest: 'immediately', timeZone: 'America/Denver' });
    for (const timeZone of ['Mars/Olympus', '', 'x'.repeat(100), 7]) {
      const bad = await request(http).patch('/api/me/settings').set(bearer(user)).send({ timeZone });
      expectError(bad, 400);
      expect(bad.body.error.message).toMatch(/time ?zone/i);
    }
    const badSignUp = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'yan@example.com', password: 'correct horse battery', name: 'Yan', timeZone: 'Nowhere/Land' });
    expectError(badSignUp, 400);
  });

  it('an access token stops working once it expires, and a refresh issues a working one', async () => {
    const user = await signUp(http, 'Ivan');
    clock.advance(901_000);

    expectError(await request(http).get('/api/me').set(bearer(user)), 401);
    const refreshed = await request(http).post('/api/auth/refresh').set('Cookie', user.refreshCookie);
    expect(refreshed.status).toBe(200);
    const me = await request(http)
      .get('/api/me')
      .set(bearer({ token: refreshed.body.accessToken }));
    expect(me.status).toBe(200);
  });

  it('a refresh rotates the cookie, and replaying the old one revokes the whole family', async () => {
    const user = await signUp(http, 'Jade');
    const first = await request(http).post('/api/auth/refresh').set('Cookie', user.refreshCookie);
    const rotated = refreshCookieOf(first);
    expect(first.status).toBe(200);
    expect(rotated).not.toBeNull();
    expect(rotated).not.toBe(user.refreshCookie);

    const replay = await request(http).post('/api/auth/refresh').set('Cookie', user.refreshCookie);
    expectError(replay, 401, 'refresh_reused');
    const newer = await request(http)
      .post('/api/auth/refresh')
      .set('Cookie', rotated ?? '');
    expectError(newer, 401);
  });

  it('a refresh from a foreign Origin is refused as CSRF, from an allowed or same-host Origin it works', async () => {
    const user = await signUp(http, 'Kofi');
    const foreign = await request(http)
      .post('/api/auth/refresh')
      .set('Origin', 'https://evil.example.net')
      .set('Cookie', user.refreshCookie);
    expectError(foreign, 403, 'bad_origin');

    const allowed = await request(http)
      .post('/api/auth/refresh')
      .set('Origin', ALLOWED_ORIGIN)
      .set('Cookie', user.refreshCookie);
    expect(allowed.status).toBe(200);

    const sameHost = await request(http)
      .post('/api/auth/refresh')
      .set('Host', 'boardroom.local:3000')
      .set('Origin', 'http://boardroom.local:3000')
      .set('Cookie', refreshCookieOf(allowed) ?? '');
    expect(sameHost.status).toBe(200);
  });

  it('a refresh without the cookie is 401', async () => {
    expectError(await request(http).post('/api/auth/refresh'), 401, 'no_refresh_token');
  });

  it('logging out clears the cookie and the refresh token stops working', async () => {
    const user = await signUp(http, 'Lena');
    const out = await request(http).post('/api/auth/logout').set('Cookie', user.refreshCookie);

    expect(out.status).toBe(204);
    expect((out.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(
      /br_refresh=;.*Expires=Thu, 01 Jan 1970/,
    );
    expectError(await request(http).post('/api/auth/refresh').set('Cookie', user.refreshCookie), 401);
  });
});
