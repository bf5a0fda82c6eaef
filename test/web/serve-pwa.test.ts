/**
 * @jest-environment node
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { securityHeaders } from '../../src/adapters/http/middleware/security-headers';
import { serveWeb } from '../../src/adapters/http/web/serve-web';

/** A stand-in for web/dist with the files vite-plugin-pwa writes next to the app. */
const pwaDist = (withWorker = true) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'br-pwa-'));
  mkdirSync(path.join(dir, 'assets'));
  mkdirSync(path.join(dir, 'icons'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Boardroom' }));
  if (withWorker) {
    writeFileSync(path.join(dir, 'sw.js'), 'self.skipWaiting();');
    writeFileSync(path.join(dir, 'workbox-9c191d2f.js'), 'define([], () => {});');
  }
  return dir;
};

const webApp = (withWorker = true) => {
  const app = express();
  app.use(securityHeaders());
  serveWeb(app, { distDir: pwaDist(withWorker) });
  return app;
};

describe('serving the installable, offline-capable app', () => {
  test('the service worker is served as JavaScript and is never cached long', async () => {
    const app = webApp();
    const sw = await request(app).get('/sw.js');
    const runtime = await request(app).get('/workbox-9c191d2f.js');

    expect(sw.status).toBe(200);
    expect(sw.type).toMatch(/^(text\/javascript|application\/javascript)$/);
    expect(sw.text).toBe('self.skipWaiting();');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(runtime.type).toMatch(/^(text\/javascript|application\/javascript)$/);
  });

  test('the web app manifest is served with its own media type', async () => {
    const res = await request(webApp()).get('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(JSON.parse(res.text)).toEqual({ name: 'Boardroom' });
  });

  test('icons are served as images and a missing icon is a 404, not the app shell', async () => {
    const app = webApp();
    const icon = await request(app).get('/icons/icon-192.png');
    const missing = await request(app).get('/icons/icon-1024.png');
    expect(icon.type).toBe('image/png');
    expect(missing.status).toBe(404);
  });

  test('an app built without a worker answers 404 for it rather than the HTML shell', async () => {
    const res = await request(webApp(false)).get('/sw.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
  });

  test('the security policy lets this origin register the worker and the manifest, and nobody else', async () => {
    const res = await request(webApp()).get('/login');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("script-src 'self'");
  });
});
