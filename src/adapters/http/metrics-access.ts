import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { sendProblem } from './errors';
import { metricsEndpoint } from './middleware/metrics';

/** Who may read /metrics: a bearer token, a port of its own, or (neither set) only this machine. */
export interface MetricsAccess {
  /** `METRICS_TOKEN`: scrapers send `Authorization: Bearer <token>`. */
  readonly token: string | null;
  /** True when `METRICS_PORT` serves /metrics, so the public port must not. */
  readonly separatePort: boolean;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Guards /metrics (shard and pool names, traffic) from the public. With a token, only a matching bearer
 * passes (compared in constant time); without one, only loopback callers (a sidecar, a local scrape).
 */
export const metricsGuard =
  (token: string | null): RequestHandler =>
  (req, res, next) => {
    if (token === null) {
      // A proxy on this machine forwards the public from loopback: a forwarded request is not local.
      const forwarded = req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined;
      if (!forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '')) return next();
      return sendProblem(res, {
        status: 403,
        code: 'metrics_forbidden',
        message: 'Metrics are served to this machine only; set METRICS_TOKEN or METRICS_PORT to scrape them remotely',
      });
    }
    const sent = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (timingSafeEqual(digest(sent), digest(token))) return next();
    res.set('WWW-Authenticate', 'Bearer realm="metrics"');
    sendProblem(res, {
      status: 401,
      code: 'metrics_unauthorized',
      message: 'A valid metrics bearer token is required',
    });
  };

/** Mounts GET /metrics on the public app as `access` allows. */
export const mountMetrics = (app: Express, access: MetricsAccess): void => {
  if (access.separatePort) {
    app.get('/metrics', (_req, res) =>
      sendProblem(res, { status: 404, code: 'route_not_found', message: 'Metrics are served on METRICS_PORT' }),
    );
    return;
  }
  app.get('/metrics', metricsGuard(access.token), metricsEndpoint);
};

/** The app of the metrics port: /metrics only (behind the token when one is set). */
export const createMetricsApp = (token: string | null): Express => {
  const app = express();
  app.disable('x-powered-by');
  // The metrics port is private by configuration (not published); a token, when set, still applies.
  app.get('/metrics', token === null ? (_req, _res, next) => next() : metricsGuard(token), metricsEndpoint);
  return app;
};
