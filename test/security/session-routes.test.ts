import pino from 'pino';
import request, { type Response } from 'supertest';
import { createHttpApp } from '../../src/adapters/http/app';
import type { ControlMessage } from '../../src/application/ports';
import { buildMemoryApp } from '../support/memory-app';
import { cheapHasher } from '../unit/application/fixtures';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = 'https://board.example.com';

/** The HTTP app behind one trusted proxy, so each test can speak from the address it chooses. */
const server = (signupsPerIp?: number) => {
  const world = buildMemoryApp({
    passwords: cheapHasher(),
    ...(signupsPerIp !== undefined && {
      rateLimits: { signupsPerIp: { capacity: signupsPerIp, refillPerSecond: signupsPerIp / 3600 } },
    }),
  });
  const heard: ControlMessage[] = [];
  world.deps.control.onMessage((m) => heard.push(m));
  const http = createHttpApp(world.app, {
    allowedOrigins: [ORIGIN],
    cookieSecure: false,
    trustProxyHops: 1,
    logger: pino({ level: 'silent' }),
  });
  return { http, heard };
};

const cookiesOf = (res: Response): string[] => (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
const cookie = (res: Response, name: string): string | undefined =>
  cookiesOf(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

const signUpFrom = (http: ReturnType<typeof server>['http'], ip: string, n: number) =>
  request(http)
    .post('/api/auth/signup')
    .set('X-Forwarded-For', ip)
    .send({ email: `user-${ip}-${n}@example.com`, password: PASSWORD, name: `User ${n}` });

describe('sign-up budget per IP', () => {
  it('one IP gets 20 accounts an hour by default; the 21st answers 429 with Retry-After and a code', async () => {
    const { http } = server();
    for (let i = 0; i < 20; i++) expect((await signUpFrom(http, '203.0.113.5', i)).status).toBe(201);

    const refused = await signUpFrom(http, '203.0.113.5', 20);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/sign-ups/) } });
    expect((await signUpFrom(http, '203.0.113.6', 0)).status).toBe(201);
  });

  it('the budget is configurable', async () => {
    const { http } = server(2);
    expect((await signUpFrom(http, '203.0.113.7', 0)).status).toBe(201);
    expect((await signUpFrom(http, '203.0.113.7', 1)).status).toBe(201);
    expect((await signUpFrom(http, '203.0.113.7', 2)).status).toBe(429);
  });
});

describe('device cookies', () => {
  it('logging in sets an HttpOnly, SameSite=Strict device cookie that a later login from the same browser keeps', async () => {
    const { http } = server();
    await signUpFrom(http, '192.0.2.1', 1);
    const login = await request(http)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '192.0.2.1')
      .send({ email: 'user-192.0.2.1-1@example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    const header = cookiesOf(login).find((c) => c.startsWith('br_device=')) ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\/api\/auth/);

    const device = cookie(login, 'br_device') ?? '';
    const again = await request(http)
      .post('/api/auth/login')
      .set('Cookie', device)
      .send({ email: 'user-192.0.2.1-1@example.com', password: PASSWORD });
    expect(cookie(again, 'br_device')).toBe(device);
  });
});

describe('ending sessions over HTTP', () => {
  const session = async (http: ReturnType<typeof server>['http']) => {
    const res = await signUpFrom(http, '192.0.2.50', Math.floor(Math.random() * 1e9));
    return { token: res.body.accessToken as string, refresh: cookie(res, 'br_refresh') ?? '' };
  };

  it('POST /api/auth/sessions/revoke-all answers 204 and ends every session of the caller', async () => {
    const { http, heard } = server();
    const mine = await session(http);
    const res = await request(http).post('/api/auth/sessions/revoke-all').set('Authorization', `Bearer ${mine.token}`);
    expect(res.status).toBe(204);
    expect(cookiesOf(res).join('\n')).toMatch(/br_refresh=;/);

    const me = await request(http).get('/api/me').set('Authorization', `Bearer ${mine.token}`);
    expect(me.status).toBe(401);
    const refresh = await request(http).post('/api/auth/refresh').set('Cookie', mine.refresh);
    expect(refresh.status).toBe(401);
    expect(heard.map((m) => m.type)).toContain('user.signed_out');
  });

  it('revoke-all without a valid access token is 401 and ends nothing', async () => {
    const { http } = server();
    const mine = await session(http);
    expect((await request(http).post('/api/auth/sessions/revoke-all')).status).toBe(401);
    expect((await request(http).get('/api/me').set('Authorization', `Bearer ${mine.token}`)).status).toBe(200);
  });

  it('logging out with only the bearer token ends that session: its refresh cookie no longer works', async () => {
    const { http, heard } = server();
    const mine = await session(http);
    const res = await request(http).post('/api/auth/logout').set('Authorization', `Bearer ${mine.token}`);
    expect(res.status).toBe(204);
    expect((await request(http).post('/api/auth/refresh').set('Cookie', mine.refresh)).status).toBe(401);
    expect((await request(http).get('/api/me').set('Authorization', `Bearer ${mine.token}`)).status).toBe(401);
    expect(heard.map((m) => m.type)).toEqual(['session.revoked']);
  });
});
