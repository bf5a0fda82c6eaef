/**
 * @jest-environment node
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { serveWeb } from '../../src/adapters/http/web/serve-web';

/** A stand-in for web/dist with the files Vite writes. */
const fakeDist = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'br-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  mkdirSync(path.join(dir, '.vite'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(
    path.join(dir, '.vite', 'manifest.json'),
    JSON.stringify({ 'index.html': { file: 'assets/index-abc.js', isEntry: true, css: ['assets/index-abc.css'] } }),
  );
  return dir;
};

const webApp = () => {
  const app = express();
  app.get('/api/ping', (_req, res) => void res.json({ pong: true }));
  serveWeb(app, { distDir: fakeDist() });
  return app;
};

describe('the web app server', () => {
  test('the landing page is rendered on the server with its content and meta tags', async () => {
    const res = await request(webApp()).get('/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('<h1');
    expect(res.text).toContain('The Kanban board your whole team works on at once');
    expect(res.text).toMatch(/<title>Boardroom[^<]+<\/title>/);
    expect(res.text).toContain('<meta name="description"');
    expect(res.text).toContain('<meta property="og:title"');
    expect(res.text).toContain('<link rel="stylesheet" href="/assets/index-abc.css">');
    expect(res.text).not.toContain('<script');
  });

  test('client routes get the app shell and API routes are left to the API', async () => {
    const app = webApp();
    const login = await request(app).get('/login');
    const api = await request(app).get('/api/ping');
    expect(login.text).toContain('<div id="root">');
    expect(api.body).toEqual({ pong: true });
  });

  test('built assets are served with long-lived caching and missing ones are 404', async () => {
    const app = webApp();
    const css = await request(app).get('/assets/index-abc.css');
    const missing = await request(app).get('/assets/nope.js');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(missing.status).toBe(404);
  });
});
