import * as Sentry from '@sentry/node';
import { currentRequest } from './request-context';

export interface SentryOptions {
  readonly dsn: string;
  readonly environment?: string;
  readonly release?: string;
  /** Where envelopes go; Sentry's HTTP transport by default (tests record them instead). */
  readonly transport?: Sentry.NodeOptions['transport'];
}

// Headers that may travel to Sentry: none of them carries a credential.
const SAFE_HEADERS = new Set(['user-agent', 'content-type', 'content-length', 'accept', 'x-request-id', 'host']);

/** Strips from an event everything that could carry a secret: cookies, bodies, query strings, credential headers. */
export const scrubEvent = <E extends Sentry.ErrorEvent>(event: E): E => {
  const request = event.request;
  if (request) {
    delete request.cookies;
    delete request.data;
    delete request.query_string;
    if (request.url) request.url = request.url.split('?')[0];
    if (request.headers) {
      request.headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => SAFE_HEADERS.has(name.toLowerCase())),
      );
    }
  }
  delete event.user?.ip_address;
  return event;
};

/** Starts Sentry for this process: errors only (no tracing), no personal data, every event scrubbed. */
export const initSentry = (opts: SentryOptions): void => {
  Sentry.init({
    dsn: opts.dsn,
    ...(opts.environment !== undefined && { environment: opts.environment }),
    ...(opts.release !== undefined && { release: opts.release }),
    ...(opts.transport !== undefined && { transport: opts.transport }),
    // Collect nothing that can hold a credential or personal data; `scrubEvent` is the second line.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { allow: [...SAFE_HEADERS] },
      httpBodies: [],
      urlQueryParams: false,
    },
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => (crumb.category === 'http' ? null : crumb),
  });
};

/** Reports an unhandled error with the request it broke: method, path (no query) and request id. */
export const reportToSentry = (err: unknown): void => {
  const request = currentRequest();
  Sentry.withScope((scope) => {
    if (request) {
      scope.setTag('request_id', request.reqId);
      scope.setContext('request', { method: request.method, url: request.path, requestId: request.reqId });
      if (request.shards.size > 0) scope.setTag('shard', [...request.shards].sort().join(','));
    }
    Sentry.captureException(err);
  });
};
