import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp } from '../../src/adapters/http/app';
import { buildMemoryApp } from '../support/memory-app';
import { perWindow } from '../../src/application/ports';
import { cheapHasher } from '../unit/application/fixtures';
import { bearer, createBoard, createTeam, expectError, PASSWORD, signUp, startServer } from '../api/helpers';

const tightPerIp = { loginPerAccount: perWindow(10, 900), loginPerIp: perWindow(2, 900) };

/** The HTTP app over a memory app allowing 2 failed logins per IP, behind `hops` trusted proxies. */
const behindProxies = (hops: number) =>
  createHttpApp(
    buildMemoryApp({ passwords: cheapHasher(), rateLimits: { ...tightPerIp, mutationsPerUser: perWindow(60, 3) } }).app,
    {
      allowedOrigins: [],
      cookieSecure: false,
      logger: pino({ level: 'silent' }),
      trustProxyHops: hops,
    },
  );

const failedLoginFrom = (http: Express, forwardedFor: string) =>
  request(http)
    .post('/api/auth/login')
    .set('X-Forwarded-For', forwardedFor)
    .send({ email: `someone-${forwardedFor}@example.com`, password: 'wrong password' });

describe('security controls over HTTP', () => {
  it('without trusted proxies a spoofed X-Forwarded-For does not escape the per-IP login limit', async () => {
    const http = behindProxies(0);
    const statuses = [];
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) statuses.push((await failedLoginFrom(http, ip)).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('behind a trusted proxy each forwarded client address has its own login budget', async () => {
    const http = behindProxies(1);
    const statuses = [];
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1', '10.0.0.1']) {
      statuses.push((await failedLoginFrom(http, ip)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('the 11th failed login for an account answers 429 with Retry-After', async () => {
    const { http } = startServer({ passwords: cheapHasher() });
    const alice = await signUp(http);
    const login = (password: string) => request(http).post('/api/auth/login').send({ email: alice.email, password });
    for (let i = 0; i < 10; i++) expectError(await login('wrong password'), 401, 'invalid_credentials');
    const res = await login(PASSWORD);
    expectError(res, 429, 'rate_limited');
    expect(res.headers['retry-after']).toBe('90');
  });

  it('board mutations past the per-user burst answer 429 with Retry-After', async () => {
    const limits = { loginPerAccount: perWindow(10, 900), loginPerIp: perWindow(100, 900) };
    const { http } = startServer({
      passwords: cheapHasher(),
      rateLimits: { ...limits, mutationsPerUser: { capacity: 3, refillPerSecond: 1 } },
    });
    const alice = await signUp(http);
    const teamId = await createTeam(http, alice);
    const board = await createBoard(http, alice, teamId);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (
          await request(http)
            .post(`${board.url}/lists`)
            .set(bearer(alice))
            .send({ title: `L${i}` })
        ).status,
      );
    }
    const res = await request(http).get(board.url).set(bearer(alice));
    expect(res.status).toBe(200);
    const limited = await request(http).post(`${board.url}/lists`).set(bearer(alice)).send({ title: 'more' });
    expect(statuses).toEqual([201, 201, 429]);
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('changing the password answers a fresh session and the old access token then answers 401', async () => {
    const { http, clock } = startServer({ passwords: cheapHasher() });
    const alice = await signUp(http);
    const res = await request(http)
      .post('/api/me/password')
      .set(bearer(alice))
      .send({ currentPassword: PASSWORD, newPassword: 'an entirely new passphrase' });
    expect(res.status).toBe(200);
    expect(
      (
        await request(http)
          .get('/api/me')
          .set(bearer({ token: res.body.accessToken }))
      ).status,
    ).toBe(200);
    expectError(await request(http).get('/api/me').set(bearer(alice)), 401, 'token_revoked');
    const refresh = await request(http).post('/api/auth/refresh').set('Cookie', alice.refreshCookie);
    expectError(refresh, 401);
    clock.advance(1000);
    const login = await request(http)
      .post('/api/auth/login')
      .send({ email: alice.email, password: 'an entirely new passphrase' });
    expect({ status: login.status, body: login.body }).toMatchObject({ status: 200 });
    expect(
      (
        await request(http)
          .get('/api/me')
          .set(bearer({ token: login.body.accessToken }))
      ).status,
    ).toBe(200);
  });

  it('a wrong current password answers 400 and a too short new one is refused', async () => {
    const { http } = startServer({ passwords: cheapHasher() });
    const alice = await signUp(http);
    const change = (body: object) => request(http).post('/api/me/password').set(bearer(alice)).send(body);
    expectError(
      await change({ currentPassword: 'nope', newPassword: 'an entirely new passphrase' }),
      400,
      'wrong_password',
    );
    expectError(await change({ currentPassword: PASSWORD, newPassword: 'short' }), 400);
    expectError(await change({ currentPassword: PASSWORD }), 400);
    expect((await request(http).get('/api/me').set(bearer(alice))).status).toBe(200);
  });

  it('logging out with the bearer token revokes that access token', async () => {
    const { http } = startServer({ passwords: cheapHasher() });
    const alice = await signUp(http);
    const out = await request(http).post('/api/auth/logout').set(bearer(alice)).set('Cookie', alice.refreshCookie);
    expect(out.status).toBe(204);
    expectError(await request(http).get('/api/me').set(bearer(alice)), 401, 'token_revoked');
  });

  it('every response carries a strict Content-Security-Policy and anti-framing headers', async () => {
    const { http } = startServer({ passwords: cheapHasher() });
    const res = await request(http).get('/api/openapi.json');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self' ws: wss:",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
