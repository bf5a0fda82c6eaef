import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp } from '../../src/adapters/http/app';
import { problemOf } from '../../src/adapters/http/errors';
import { documentedRoutes } from '../../src/adapters/http/openapi';
import { createLogger } from '../../src/adapters/observability/logger';
import {
  conflict,
  forbidden,
  notFound,
  rateLimited,
  tenantMoved,
  unauthenticated,
  unavailable,
  validation,
} from '../../src/domain';
import { buildMemoryApp } from '../support/memory-app';
import { bearer, createTeam, expectError, signUp, startServer } from './helpers';

/** A pino destination that keeps every line for the test to read. */
const captureLines = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
};

describe('health, metrics, OpenAPI and cross-cutting behaviour', () => {
  const { http } = startServer();

  it('GET /healthz and /readyz answer ok', async () => {
    expect((await request(http).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(http).get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it("every response carries a request id, the caller's own when it is plain", async () => {
    const given = await request(http).get('/healthz').set('X-Request-Id', 'trace-123');
    const generated = await request(http).get('/healthz');
    const hostile = await request(http).get('/healthz').set('X-Request-Id', 'bad id\twith "quotes"');

    expect(given.headers['x-request-id']).toBe('trace-123');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('security headers are set and the framework is not announced', async () => {
    const res = await request(http).get('/healthz');

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('GET /metrics counts requests by method, route pattern and status', async () => {
    const user = await signUp(http, 'Mo');
    const teamId = await createTeam(http, user);
    await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(user));
    const res = await request(http).get('/metrics');

    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/teams\/:teamId\/boards",status="200"\} \d+/,
    );
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).not.toContain(teamId);
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document, and every route it lists exists', async () => {
    const doc = await request(http).get('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/teams/{teamId}/boards/{boardId}/cards/{cardId}/move');

    const user = await signUp(http, 'Oona');
    for (const route of documentedRoutes()) {
      const [method = '', path = ''] = route.split(' ');
      const concrete = path.replace(/\{\w+\}/g, () => randomUUID());
      const res = await request(http)[method.toLowerCase() as 'get'](concrete).set(bearer(user));
      expect({ route, code: res.body?.error?.code }).not.toEqual({ route, code: 'route_not_found' });
    }
  });

  it('a bug inside a use case is a 500 internal that reveals nothing, and it is logged', async () => {
    const memory = buildMemoryApp();
    const { lines, stream } = captureLines();
    const broken = {
      ...memory.app,
      teams: { ...memory.app.teams, list: () => () => Promise.reject(new Error('db password is hunter2')) },
    };
    const app = createHttpApp(broken, {
      allowedOrigins: [],
      cookieSecure: false,
      logger: pino({ level: 'info' }, stream),
    });
    const user = await signUp(app, 'Bug');
    const res = await request(app).get('/api/teams').set(bearer(user));

    expectError(res, 500, 'internal');
    expect(res.text).not.toMatch(/hunter2|at |Error/);
    expect(lines.some((l) => l.includes('unhandled error') && l.includes('hunter2'))).toBe(true);
  });

  it('the logger redacts authorization headers, cookies, passwords and tokens', () => {
    const { lines, stream } = captureLines();
    const logger = createLogger({ level: 'info', destination: stream });
    logger.info({
      req: { headers: { authorization: 'Bearer secret-jwt', cookie: 'br_refresh=secret-cookie' } },
      body: { password: 'secret-password', refreshToken: 'secret-refresh' },
      accessToken: 'secret-access',
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('secret');
    expect(lines[0]).toContain('[redacted]');
  });

  it('every error kind maps to its status, with Retry-After where a retry makes sense', () => {
    expect(problemOf(validation('bad'))).toMatchObject({ status: 400 });
    expect(problemOf(unauthenticated())).toMatchObject({ status: 401 });
    expect(problemOf(forbidden('no'))).toMatchObject({ status: 403 });
    expect(problemOf(notFound('Board'))).toMatchObject({ status: 404, message: 'Board not found' });
    expect(problemOf(conflict('dup'))).toMatchObject({ status: 409 });
    expect(problemOf(rateLimited(7))).toMatchObject({ status: 429, headers: { 'Retry-After': '7' } });
    expect(problemOf(tenantMoved())).toMatchObject({
      status: 503,
      code: 'tenant_moved',
      headers: { 'Retry-After': '0' },
    });
    expect(problemOf(unavailable('down', 3))).toMatchObject({ status: 503, headers: { 'Retry-After': '3' } });
  });
});
