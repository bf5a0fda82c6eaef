import type { RequestHandler } from 'express';
import client from 'prom-client';

const UUID_SEGMENT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The route pattern of a path, for a low-cardinality label: every UUID segment becomes a placeholder
 * named after the collection before it (`/api/teams/:teamId/boards/:boardId`).
 */
export const routePattern = (path: string): string => {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (!UUID_SEGMENT.test(segment)) return segment;
      const collection = segments[i - 1] ?? '';
      return `:${collection.replace(/s$/, '')}Id`;
    })
    .join('/');
};

// prom-client's default registry is process-wide; several apps in one process (tests) share the metrics.
const singleton = <T>(name: string, create: () => T): T =>
  (client.register.getSingleMetric(name) as T | undefined) ?? create();

const labelNames = ['method', 'route', 'status'] as const;

/** Counts and times every request by method, route pattern and status; unknown routes share one label. */
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
      // Only requests a route handled get their pattern; anything else (404s, scans) is one series.
      const route = res.locals.routed === true ? routePattern(req.originalUrl.split('?')[0] ?? '') : 'unmatched';
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
