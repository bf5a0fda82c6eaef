import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { cheapHasher } from '../unit/application/fixtures';
import { PASSWORD, bearer, expectError, signUp, startServer, type TestServer, type TestUser } from './helpers';

const NEW_PASSWORD = 'a freshly reset passphrase';

/** The token of the newest reset link mailed to `email`. */
const linkTokenFor = (server: TestServer, email: string): string => {
  const mail = [...server.mailer.sent].reverse().find((m) => m.to === email && /reset-password/.test(m.text));
  const token = mail?.text.match(/\/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no reset mail to ${email}`);
  return token;
};

describe('password reset API', () => {
  const server = startServer({ passwords: cheapHasher() });
  const { http, clock } = server;
  const ask = (email: string) => request(http).post('/api/auth/password-reset').send({ email });
  const confirm = (token: string, newPassword = NEW_PASSWORD) =>
    request(http).post('/api/auth/password-reset/confirm').send({ token, newPassword });
  const login = (user: TestUser, password: string) =>
    request(http).post('/api/auth/login').send({ email: user.email, password });
  const askedFor = async (name: string) => {
    const user = await signUp(http, name);
    expect((await ask(user.email)).status).toBe(202);
    return { user, token: linkTokenFor(server, user.email) };
  };

  it('asking answers 202 alike whether or not the address has an account, and mails a link only to a real one', async () => {
    const user = await signUp(http, 'Ana');
    const before = server.mailer.sent.length;
    const known = await ask(user.email.toUpperCase());
    const unknown = await ask('nobody-here@example.com');

    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.text).toBe(unknown.text);
    const mails = server.mailer.sent.slice(before);
    expect(mails.map((m) => m.to)).toEqual([user.email]);
    expect(mails[0]?.text).toMatch(/^https:\/\/board\.example\.com\/reset-password\?token=[A-Za-z0-9_-]{43}$/m);
    expect(mails[0]?.text).toMatch(/30 minutes/);
  });

  it('the link sets a new password once and ends every session; the old password stops working', async () => {
    const { user, token } = await askedFor('Ben');
    const res = await confirm(token);

    expect(res.status).toBe(204);
    expectError(await request(http).get('/api/me').set(bearer(user)), 401, 'token_revoked');
    expectError(await request(http).post('/api/auth/refresh').set('Cookie', user.refreshCookie), 401);
    clock.advance(1000);
    expect((await login(user, NEW_PASSWORD)).status).toBe(200);
    expectError(await login(user, PASSWORD), 401, 'invalid_credentials');
  });

  it('a link used once is refused the second time with reset_token_used, and changes nothing', async () => {
    const { user, token } = await askedFor('Cy');
    await confirm(token);
    expectError(await confirm(token, 'yet another passphrase'), 400, 'reset_token_used');
    clock.advance(1000);
    expect((await login(user, NEW_PASSWORD)).status).toBe(200);
  });

  it('a link older than 30 minutes is refused with reset_token_expired, and the password stays', async () => {
    const { user, token } = await askedFor('Dee');
    clock.advance(30 * 60_000);
    expectError(await confirm(token), 400, 'reset_token_expired');
    expect((await login(user, PASSWORD)).status).toBe(200);
  });

  it('forged and malformed tokens are refused with their own codes, and a bad new password spends nothing', async () => {
    const { user, token } = await askedFor('Eli');
    expectError(await confirm(randomBytes(32).toString('base64url')), 400, 'reset_token_invalid');
    expectError(await confirm('short'), 400, 'reset_token_malformed');
    expectError(await confirm(`${token.slice(0, 40)} <script>`), 400, 'reset_token_malformed');
    expectError(await confirm(token, 'short'), 400, 'invalid_body');
    expectError(await request(http).post('/api/auth/password-reset/confirm').send({ newPassword: NEW_PASSWORD }), 400);
    expect((await login(user, PASSWORD)).status).toBe(200);
    expect((await confirm(token)).status).toBe(204);
  });

  it("spending the newest link voids the user's older ones", async () => {
    const { user, token: first } = await askedFor('Fay');
    await ask(user.email);
    const second = linkTokenFor(server, user.email);
    expect(second).not.toBe(first);
    expect((await confirm(second)).status).toBe(204);
    expectError(await confirm(first), 400, 'reset_token_used');
  });

  it('a link mailed before the account changed its e-mail no longer works', async () => {
    const { user, token } = await askedFor('Gus');
    const moved = await request(http)
      .patch('/api/me')
      .set(bearer(user))
      .send({ email: `gus-moved-${user.id.slice(0, 8)}@example.com`, currentPassword: PASSWORD });
    expect(moved.status).toBe(200);
    expectError(await confirm(token), 400, 'reset_token_invalid');
  });

  it('bad addresses are a 400, never a hint about accounts', async () => {
    expectError(await ask('not-an-address'), 400, 'invalid_body');
    expectError(await request(http).post('/api/auth/password-reset').send({}), 400, 'invalid_body');
  });
});

describe('password reset rate limits', () => {
  it('a fourth request for one address within the hour is 429, for a real address and an unknown one alike', async () => {
    const server = startServer({ passwords: cheapHasher() });
    const user = await signUp(server.http, 'Hal');
    for (const email of [user.email, 'ghost@example.com']) {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await request(server.http).post('/api/auth/password-reset').send({ email })).status);
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
    }
    expect(server.mailer.sent.filter((m) => m.to === user.email)).toHaveLength(3);
    server.clock.advance(3600_000);
    expect((await request(server.http).post('/api/auth/password-reset').send({ email: user.email })).status).toBe(202);
  });

  it('one client IP may ask 20 times an hour, whatever the addresses', async () => {
    const { http } = startServer({ passwords: cheapHasher() });
    const statuses = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (
          await request(http)
            .post('/api/auth/password-reset')
            .send({ email: `p${i}@example.com` })
        ).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    const last = await request(http).post('/api/auth/password-reset').send({ email: 'one-more@example.com' });
    expectError(last, 429, 'rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
