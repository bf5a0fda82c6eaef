import cookieParser from 'cookie-parser';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import * as TE from 'fp-ts/TaskEither';
import type { Logger } from 'pino';
import type { Application } from '../../application/api';
import { sendProblem } from './errors';
import { ok, route } from './handle';
import { requireActor } from './middleware/auth';
import { jsonBody, rejectUnstorableQuery } from './middleware/body';
import { mountMetrics, type MetricsAccess } from './metrics-access';
import { httpMetrics, mountedAt } from './middleware/metrics';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';
import { openApiDocument } from './openapi';
import { readinessEndpoint, type ReadinessCheck } from './readiness';
import { attachmentsRouter } from './routes/attachments';
import { authRouter } from './routes/auth';
import { boardsRouter } from './routes/boards';
import { cardModelRouter } from './routes/card-model';
import { cardsRouter } from './routes/cards';
import { commentsRouter } from './routes/comments';
import { listsRouter } from './routes/lists';
import { importsRouter } from './routes/imports';
import { invitationLinkRouter, myInvitationsRouter } from './routes/invitations';
import { meRouter } from './routes/me';
import { notificationsRouter, watchRouter } from './routes/notifications';
import { passwordResetRouter } from './routes/password-reset';
import { searchRouter } from './routes/search';
import { teamsRouter } from './routes/teams';
import { unsubscribeRouter } from './routes/unsubscribe';

export interface HttpAppOptions {
  /** Origins (scheme://host[:port]) besides the server's own that may call the cookie-authenticated routes. */
  readonly allowedOrigins: readonly string[];
  /** Marks the refresh cookie `Secure` (set behind HTTPS). */
  readonly cookieSecure: boolean;
  readonly logger: Logger;
  /** Largest accepted JSON body in bytes (default 64 KiB). */
  readonly bodyLimitBytes?: number;
  /**
   * Proxies in front whose X-Forwarded-For names the client (default 0). The client IP is what login
   * throttling counts per address, so it must be the proxy-reported one behind a load balancer, and
   * must not be believed from anyone else.
   */
  readonly trustProxyHops?: number;
  /** Also told about every unhandled error (e.g. Sentry's captureException). */
  readonly reportError?: (err: unknown) => void;
  /** Who may read /metrics (default: loopback callers only). */
  readonly metrics?: MetricsAccess;
  /** What /readyz probes (catalog, each shard, Redis); none means ready whenever the process is up. */
  readonly readiness?: readonly ReadinessCheck[];
}

const DEFAULT_BODY_LIMIT = 64 * 1024;
const BOARD = '/api/teams/:teamId/boards/:boardId';

// API answers are per user and often secret (tokens, team data): no browser or proxy may keep them.
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

const notFound: RequestHandler = (req, res) =>
  sendProblem(res, { status: 404, code: 'route_not_found', message: `No route for ${req.method} ${req.path}` });

/** The last resort: anything thrown is a bug or lost infrastructure; log it, answer without internals. */
const finalErrorHandler =
  ({ logger, reportError }: HttpAppOptions): ErrorRequestHandler =>
  (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown }).status;
    // Errors raised by express itself for a bad request (e.g. an undecodable URL) say so with a 4xx status.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendProblem(res, { status, code: 'bad_request', message: 'The request could not be read' });
    }
    logger.error({ err, reqId: res.locals.requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
    reportError?.(err);
    sendProblem(res, { status: 500, code: 'internal', message: 'Internal server error' });
  };

/** The Express app serving the REST API, health, metrics and the OpenAPI document over `application`. */
export const createHttpApp = (application: Application, options: HttpAppOptions): Express => {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxyHops) app.set('trust proxy', options.trustProxyHops);
  app.use(requestId(options.logger), httpMetrics(), securityHeaders(), cookieParser());

  app.get(
    '/healthz',
    route(() => TE.right(ok({ status: 'ok' }))),
  );
  app.get('/readyz', readinessEndpoint(options.readiness ?? []));
  mountMetrics(app, options.metrics ?? { token: null, separatePort: false });

  // Attachments stream multipart bodies and files, so they come before the JSON body parser.
  const files = `${BOARD}/cards/:cardId/attachments`;
  app.use(files, mountedAt(files), rejectUnstorableQuery, requireActor(application), attachmentsRouter(application));
  const imports = '/api/teams/:teamId/imports';
  app.use(imports, mountedAt(imports), rejectUnstorableQuery, requireActor(application), importsRouter(application));
  // One-click unsubscribe takes a form body from mail clients (RFC 8058), so it also comes before it.
  app.use('/api/unsubscribe', mountedAt('/api/unsubscribe'), rejectUnstorableQuery, unsubscribeRouter(application));
  app.use('/api', noStore, rejectUnstorableQuery, ...jsonBody(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT));
  app.get(
    '/api/openapi.json',
    route(() => TE.right(ok(openApiDocument()))),
  );
  // Every router is mounted with its template, which labels its requests in /metrics.
  const mount = (path: string, ...handlers: RequestHandler[]) => app.use(path, mountedAt(path), ...handlers);
  mount('/api/auth/password-reset', passwordResetRouter(application));
  mount('/api/auth', authRouter(application, options));

  const authenticated = requireActor(application);
  mount('/api/me/invitations', authenticated, myInvitationsRouter(application));
  mount('/api/me/notifications', authenticated, notificationsRouter(application));
  mount('/api/me', authenticated, meRouter(application, options));
  mount('/api/invitations', authenticated, invitationLinkRouter(application));
  app.use('/api/teams', authenticated);
  mount('/api/teams', teamsRouter(application));
  mount('/api/teams/:teamId/boards', boardsRouter(application));
  mount('/api/teams/:teamId/search', searchRouter(application));
  mount(`${BOARD}/lists`, listsRouter(application));
  mount(`${BOARD}/cards/:cardId/comments`, commentsRouter(application));
  mount(`${BOARD}/cards`, cardsRouter(application));
  mount(BOARD, watchRouter(application));
  mount(BOARD, cardModelRouter(application));

  app.use('/api', notFound);
  app.use(finalErrorHandler(options));
  return app;
};
