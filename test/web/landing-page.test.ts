/**
 * @jest-environment node
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { serveWeb, type ServeWebOptions } from '../../src/adapters/http/web/serve-web';

/** web/public: Vite copies its files to the root of web/dist. */
const PUBLIC_DIR = path.resolve(__dirname, '../../web/public');

/** A stand-in for web/dist with the files Vite writes (with or without those from web/public). */
const fakeDist = ({ withPublic = true } = {}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'br-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  mkdirSync(path.join(dir, '.vite'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(
    path.join(dir, '.vite', 'manifest.json'),
    JSON.stringify({ 'index.html': { file: 'assets/index-abc.js', isEntry: true, css: ['assets/index-abc.css'] } }),
  );
  if (withPublic) cpSync(PUBLIC_DIR, dir, { recursive: true });
  return dir;
};

const webApp = (opts: Partial<ServeWebOptions> = {}) => {
  const app = express();
  app.get('/api/ping', (_req, res) => void res.json({ pong: true }));
  serveWeb(app, { distDir: fakeDist(), ...opts });
  return app;
};

/** supertest keeps images as bytes. */
const bytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

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

  test('the favicon, robots.txt and link preview image are served as themselves, not as the app', async () => {
    const app = webApp();
    const ico = await bytes(request(app).get('/favicon.ico'));
    const svg = await request(app).get('/favicon.svg');
    const robots = await request(app).get('/robots.txt');
    const og = await bytes(request(app).get('/og-image.png'));

    expect(ico.status).toBe(200);
    expect(ico.type).toBe('image/x-icon');
    expect((ico.body as Buffer).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(svg.type).toBe('image/svg+xml');
    expect(robots.type).toBe('text/plain');
    expect(robots.text).toContain('User-agent: *');
    expect(robots.text).toContain('Disallow: /');
    expect(og.type).toBe('image/png');
    expect((og.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('a file missing from the build is a 404, never the app shell', async () => {
    const app = express();
    serveWeb(app, { distDir: fakeDist({ withPublic: false }) });
    const favicon = await request(app).get('/favicon.ico');
    const touchIcon = await request(app).get('/apple-touch-icon.png');
    const route = await request(app).get('/app/teams/t1/boards/b1');
    expect(favicon.status).toBe(404);
    expect(touchIcon.status).toBe(404);
    expect(touchIcon.text).not.toContain('<div id="root">');
    expect(route.text).toContain('<div id="root">');
  });

  test('the landing page links its icons, canonical address and preview image, absolute with PUBLIC_URL', async () => {
    const relative = (await request(webApp()).get('/')).text;
    const absolute = (await request(webApp({ publicUrl: 'https://boards.example.com' })).get('/')).text;

    expect(relative).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(relative).toContain('<link rel="canonical" href="/">');
    expect(relative).toContain('<meta property="og:image" content="/og-image.png">');
    expect(absolute).toContain('<link rel="canonical" href="https://boards.example.com/">');
    expect(absolute).toContain('<meta property="og:image" content="https://boards.example.com/og-image.png">');
    expect(absolute).toContain('<meta property="og:image:width" content="1200">');
  });
});
