import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Request, Response } from 'express';
import pino from 'pino';
import request from 'supertest';
import { configFromEnv } from '../../src/adapters/config/config';
import { createHttpApp } from '../../src/adapters/http/app';
import { metricsGuard } from '../../src/adapters/http/metrics-access';
import { startServer as startInstance } from '../../src/server';
import { buildMemoryApp } from '../support/memory-app';
import { cheapHasher } from '../unit/application/fixtures';
import { bearer, createTeam, signUp, startServer } from '../api/helpers';

const seriesCount = async (http: Parameters<typeof request>[0]): Promise<number> => {
  const text = (await request(http).get('/metrics')).text;
  return text.split('\n').filter((l) => l.startsWith('http_requests_total{')).length;
};

const TOKEN = 'a-long-metrics-scrape-token';

describe('/metrics is not for the public', () => {
  it('requests with made-up ids add no new series: routes are labelled by template', async () => {
    const { http } = startServer();
    const alice = await signUp(http);
    const teamId = await createTeam(http, alice);
    const warmUp = [`/api/teams/not-an-id/boards`, `/api/teams/${teamId}/boards/also-not-an-id`, '/api/nothing'];
    for (const url of warmUp) await request(http).get(url).set(bearer(alice));
    await seriesCount(http);
    const before = await seriesCount(http);
    for (let i = 0; i < 300; i++) {
      const junk = `junk-${i}-${Math.random().toString(36).slice(2)}`;
      await request(http).get(`/api/teams/${junk}/boards`).set(bearer(alice));
      await request(http).get(`/api/teams/${teamId}/boards/${junk}`).set(bearer(alice));
      await request(http).get(`/api/${junk}`);
    }
    expect(await seriesCount(http)).toBe(before);
    const text = (await request(http).get('/metrics')).text;
    expect(text).toContain('route="/api/teams/:teamId/boards/:boardId"');
    expect(text).not.toContain('junk-');
  });

  it('with METRICS_TOKEN only a scraper with the bearer token reads it', async () => {
    const http = createHttpApp(buildMemoryApp({ passwords: cheapHasher() }).app, {
      allowedOrigins: [],
      cookieSecure: false,
      logger: pino({ level: 'silent' }),
      metrics: { token: TOKEN, separatePort: false },
    });
    expect((await request(http).get('/metrics')).status).toBe(401);
    expect((await request(http).get('/metrics').set('Authorization', 'Bearer wrong-token-of-some-length')).status).toBe(
      401,
    );
    const ok = await request(http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('http_requests_total');
  });

  it('without a token or port, a caller from another machine is refused', () => {
    const answered: { status?: number; passed?: boolean } = {};
    const res = {
      status(code: number) {
        answered.status = code;
        return this;
      },
      set() {
        return this;
      },
      json() {
        return this;
      },
    } as unknown as Response;
    const fromAfar = { socket: { remoteAddress: '203.0.113.7' }, get: () => undefined } as unknown as Request;
    metricsGuard(null)(fromAfar, res, () => (answered.passed = true));
    expect(answered).toEqual({ status: 403 });
    const fromHere = { socket: { remoteAddress: '127.0.0.1' }, get: () => undefined } as unknown as Request;
    metricsGuard(null)(fromHere, res, () => (answered.passed = true));
    expect(answered.passed).toBe(true);
  });

  it('without a token or port, a request forwarded by a proxy on this machine is refused', async () => {
    const { http } = startServer();
    const viaProxy = await request(http).get('/metrics').set('X-Forwarded-For', '203.0.113.7');
    expect(viaProxy.status).toBe(403);
    expect((await request(http).get('/metrics').set('Forwarded', 'for=203.0.113.7')).status).toBe(403);
    expect((await request(http).get('/metrics')).status).toBe(200);
  });

  it('with METRICS_PORT the public port does not serve it and the metrics port does', async () => {
    const config = configFromEnv({
      STORAGE: 'memory',
      METRICS_PORT: '9464',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'br-metrics-')),
    });
    const server = await startInstance({ config, logger: pino({ level: 'silent' }), port: 0, metricsPort: 0 });
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
      const scraped = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('process_cpu_user_seconds_total');
    } finally {
      await server.stop();
    }
  });

  it('authenticated API answers may not be cached', async () => {
    const { http } = startServer();
    const alice = await signUp(http);
    const me = await request(http).get('/api/me').set(bearer(alice));
    expect(me.headers['cache-control']).toBe('no-store');
    const teams = await request(http).get('/api/teams').set(bearer(alice));
    expect(teams.headers['cache-control']).toBe('no-store');
  });
});
