import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';

/**
 * Files Vite copies from web/public to the root of web/dist, served at the site root under fixed names
 * (browsers ask for /favicon.ico on their own; crawlers for /robots.txt; link previews for the og:image).
 */
export const SITE_FILES: Readonly<Record<string, string>> = {
  '/favicon.ico': 'image/x-icon',
  '/favicon.svg': 'image/svg+xml',
  '/robots.txt': 'text/plain',
  '/og-image.png': 'image/png',
};

/** The preview image's size, stated in the landing page's Open Graph tags. */
export const OG_IMAGE = { path: '/og-image.png', width: 1200, height: 630 } as const;

/** Serves SITE_FILES from `distDir`; a file missing from the build is a 404, never the app's HTML. */
export const serveSiteFiles = (app: Express, distDir: string): void => {
  for (const [route, type] of Object.entries(SITE_FILES)) {
    const file = path.join(distDir, route);
    app.get(route, (_req, res) => {
      if (!existsSync(file)) return void res.status(404).type('text').send('Not found');
      // Not content-hashed like /assets, so cached for a day rather than a year.
      res.type(type).set('Cache-Control', 'public, max-age=86400').sendFile(file);
    });
  }
};
