import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { renderLandingPage } from './landing-page';
import { serveSiteFiles } from './site-files';

export interface ServeWebOptions {
  /** The Vite build output (web/dist). */
  readonly distDir: string;
  /** `PUBLIC_URL` (no trailing slash): makes the landing page's canonical link and og:image absolute. */
  readonly publicUrl?: string;
}

/** Paths the server answers itself; everything else under GET is a client route of the single-page app. */
const SERVER_PATHS = /^\/(api|ws|healthz|readyz|metrics|assets|icons)(\/|$)/;
/** The service worker, its Workbox runtime and the web app manifest, written by vite-plugin-pwa. */
const PWA_FILES = /^\/(sw\.js|registerSW\.js|workbox-[\w-]+\.js|manifest\.webmanifest)$/;
/** A static file's name (`/apple-touch-icon.png`): client routes never end in one, so it never gets the app's HTML. */
const FILE_PATH = /\.(ico|png|svg|jpe?g|gif|webp|avif|txt|xml|json|js|mjs|css|map|webmanifest|woff2?)$/i;

interface Manifest {
  readonly [entry: string]: { readonly file: string; readonly css?: readonly string[]; readonly isEntry?: boolean };
}

/** Stylesheets of the app's entry, from Vite's manifest, so the landing page shares the app's look. */
const entryStylesheets = (distDir: string): string[] => {
  const file = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  return Object.values(manifest)
    .filter((e) => e.isEntry)
    .flatMap((e) => e.css ?? [])
    .map((css) => `/${css}`);
};

const NOT_BUILT =
  '<!doctype html><title>Boardroom</title><p>The web app has not been built. Run <code>npm run web:build</code> and restart.</p>';

/**
 * Mounts the browser app on `app`: the server-rendered landing page at `/`, the built assets (hashed
 * names, cached for a year) and `index.html` for every client route (/login, /app/..., /settings).
 * Register it next to the API routes; it never answers /api, /ws, health or metrics paths.
 */
export const serveWeb = (app: Express, { distDir, publicUrl }: ServeWebOptions): void => {
  const indexFile = path.join(distDir, 'index.html');
  // The landing page is static: render it once, on the first request, and keep it.
  let landing: string | null = null;

  app.get('/', (_req, res) => {
    try {
      landing ??= renderLandingPage({ stylesheets: entryStylesheets(distDir), ...(publicUrl && { publicUrl }) });
      res.type('html').set('Cache-Control', 'no-cache').send(landing);
    } catch {
      // This router may be mounted after the API's error handler, so it answers failures itself.
      res.status(500).type('text').send('The home page could not be rendered.');
    }
  });

  app.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use('/assets', (_req, res) => void res.status(404).type('text').send('Not found'));
  serveSiteFiles(app, distDir);
  app.use('/icons', express.static(path.join(distDir, 'icons'), { maxAge: '7d' }));
  app.use('/icons', (_req, res) => void res.status(404).type('text').send('Not found'));
  // Never cached long: the browser checks sw.js on each visit, and a stale one would pin an old app.
  app.get(PWA_FILES, (req, res) => {
    const file = path.join(distDir, req.path);
    if (!existsSync(file)) return void res.status(404).type('text').send('Not found');
    if (file.endsWith('.webmanifest')) res.type('application/manifest+json');
    res.set('Cache-Control', 'no-cache').sendFile(file);
  });

  const spaFallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (FILE_PATH.test(req.path)) return void res.status(404).type('text').send('Not found');
    if (!existsSync(indexFile)) return void res.status(503).type('html').send(NOT_BUILT);
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  };
  app.use(spaFallback);
};
