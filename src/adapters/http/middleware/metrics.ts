import type { Request, RequestHandler, Response } from 'express';
import client from 'prom-client';

/**
 * Marks the mount path a router is served under (`/api/teams/:teamId/boards`), so the route label can
 * be the template and never the ids a caller sent.
 */
export const mountedAt =
  (template: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.mount = template;
    next();
  };

/**
 * The route template a handler serves (`/api/teams/:teamId/boards/:boardId`), read from express's
 * matched route under the tagged mount. Whatever the request's ids were, the label is the same.
 */
export const routeTemplate = (req: Request, res: Response): string => {
  const mount = typeof res.locals.mount === 'string' ? res.locals.mount : req.baseUrl === '' ? '' : 'unmounted';
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${mount}${path === '/' && mount !== '' ? '' : path}` : `${mount}*`;
};

// prom-client's default registry is process-wide; several apps in one process (tests) share the metrics.
const singleton = <T>(name: string, create: () => T): T =>
  (client.register.getSingleMetric(name) as T | undefined) ?? create();

const labelNames = ['method', 'route', 'status'] as const;

/** Counts and times every request by method, route template and status; unknown routes share one label. */
export const httpMetrics = (): RequestHandler => {
  if (client.register.getSingleMetric('process_cpu_user_seconds_total') === undefined) client.collectDefaultMetrics();
  const requests = singleton(
    'http_requests_total',
    () => new client.Counter({ name: 'http_requests_total', help: 'HTTP requests handled', labelNames }),
  );
  const duration = singleton(
    'http_request_duration_seconds',
    () =>
      new client.Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration in seconds',
        labelNames,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  );
  return (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      // Only requests a route handled get their template; anything else (404s, scans) is one series.
      const route = typeof res.locals.routed === 'string' ? res.locals.routed : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      stop(labels);
    });
    next();
  };
};

/** GET /metrics: the default registry in Prometheus text format. */
export const metricsEndpoint: RequestHandler = async (_req, res) => {
  res.type(client.register.contentType).send(await client.register.metrics());
};
