import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers with a strict Content-Security-Policy: only this origin's scripts, styles, images and
 * fonts; no inline script or style, no plugins, no <base> rewriting, no framing (clickjacking). The web
 * app is built by Vite into external files, and React sets styles through the DOM, so nothing inline is
 * needed. `connect-src` adds ws:/wss: because a browser's 'self' does not cover WebSocket URLs everywhere.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // blob: for attachment thumbnails, fetched with the access token and shown as object URLs.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
