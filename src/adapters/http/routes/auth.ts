import { Router, type CookieOptions, type Request, type Response } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application, Session } from '../../../application/api';
import { forbidden, unauthenticated, type AppError } from '../../../domain';
import { LogInBody, SignUpBody } from '../codecs';
import { decodeTE } from '../decode';
import { route, type Reply } from '../handle';
import { actorOf, bearerToken, requireActor } from '../middleware/auth';

export const REFRESH_COOKIE = 'br_refresh';
/** Marks a browser that signed in to an account before (login throttling); outlives sessions and logouts. */
export const DEVICE_COOKIE = 'br_device';
const DEVICE_COOKIE_MAX_AGE_MS = 365 * 86_400_000;

export interface AuthRouteOptions {
  readonly allowedOrigins: readonly string[];
  readonly cookieSecure: boolean;
}

const cookieBase = (secure: boolean): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/api/auth',
  secure,
});

/** The session as JSON (never the refresh token), with the refresh token set as the HttpOnly cookie. */
export const sessionReply = (status: number, session: Session, secure: boolean): Reply => ({
  status,
  json: { user: session.user, accessToken: session.accessToken, accessTokenExpiresAt: session.accessTokenExpiresAt },
  cookies: (res: Response) => {
    res.cookie(REFRESH_COOKIE, session.refreshToken, {
      ...cookieBase(secure),
      expires: new Date(session.refreshTokenExpiresAt),
    });
    if (session.deviceCookie !== undefined)
      res.cookie(DEVICE_COOKIE, session.deviceCookie, { ...cookieBase(secure), maxAge: DEVICE_COOKIE_MAX_AGE_MS });
  },
});

/**
 * CSRF defence for the cookie-authenticated routes: a browser always sends Origin on a cross-site POST,
 * so one that is neither allowed nor this host's own is refused. No Origin means a non-browser client.
 */
const checkOrigin = (req: Request, allowed: readonly string[]): TE.TaskEither<AppError, void> => {
  const origin = req.get('origin');
  if (origin === undefined || allowed.includes(origin)) return TE.right(undefined);
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  return host !== null && host === req.get('host')
    ? TE.right(undefined)
    : TE.left(forbidden(`Origin ${origin} is not allowed`, 'bad_origin'));
};

/** Tells the browser to drop the refresh cookie (logout, deleted account). */
export const clearRefreshCookie = (secure: boolean) => (res: Response) =>
  res.clearCookie(REFRESH_COOKIE, cookieBase(secure));

const cookie = (req: Request, name: string): string | null => {
  const value: unknown = req.cookies?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
};

const refreshCookie = (req: Request): string | null => cookie(req, REFRESH_COOKIE);

/** What the client told us about itself: its address and, when it has one, its device cookie. */
const clientOf = (req: Request): { ip?: string; deviceCookie?: string } => {
  const device = cookie(req, DEVICE_COOKIE);
  return { ...(req.ip !== undefined && { ip: req.ip }), ...(device !== null && { deviceCookie: device }) };
};

const signedOut: Reply = { status: 204 };

/** Sign-up, log-in, refresh-token rotation, log-out and "sign out everywhere". */
export const authRouter = (application: Application, options: AuthRouteOptions): Router => {
  const router = Router();
  const secure = options.cookieSecure;
  const clearRefresh = clearRefreshCookie(secure);

  router.post(
    '/signup',
    route((req) =>
      pipe(
        decodeTE(SignUpBody, 'body', req.body ?? {}),
        TE.chain((body) => application.auth.signUp({ ...body, ...(req.ip !== undefined && { ip: req.ip }) })),
        TE.map((session) => sessionReply(201, session, secure)),
      ),
    ),
  );

  router.post(
    '/login',
    route((req) =>
      pipe(
        decodeTE(LogInBody, 'body', req.body ?? {}),
        TE.chain((body) => application.auth.logIn({ ...body, ...clientOf(req) })),
        TE.map((session) => sessionReply(200, session, secure)),
      ),
    ),
  );

  router.post(
    '/refresh',
    route((req) =>
      pipe(
        checkOrigin(req, options.allowedOrigins),
        TE.chain(() => {
          const token = refreshCookie(req);
          return token === null ? TE.left(unauthenticated('No refresh token', 'no_refresh_token')) : TE.right(token);
        }),
        TE.chain(application.auth.refresh),
        TE.map((session) => sessionReply(200, session, secure)),
      ),
    ),
  );

  router.post(
    '/logout',
    route((req) =>
      pipe(
        checkOrigin(req, options.allowedOrigins),
        TE.chain(() => application.auth.logOut(refreshCookie(req), bearerToken(req) ?? undefined)),
        TE.map(() => ({ ...signedOut, cookies: clearRefresh })),
      ),
    ),
  );

  router.post(
    '/sessions/revoke-all',
    requireActor(application),
    route((_req, res) =>
      pipe(
        application.auth.signOutEverywhere(actorOf(res)),
        TE.map(() => ({ ...signedOut, cookies: clearRefresh })),
      ),
    ),
  );

  return router;
};
