import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { Actor, Application } from '../../../application/api';
import { unauthenticated, validation, type AppError, type Origin } from '../../../domain';
import { sendAppError } from '../errors';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;
// RFC 9110 visible ASCII, no spaces: safe as a dedupe key in every store.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The bearer token of the Authorization header, or null when there is none or it is malformed. */
export const bearerToken = (req: Request): string | null => BEARER.exec(req.get('authorization') ?? '')?.[1] ?? null;

/** Requires a valid access token; the caller is then available through `actorOf(res)`. */
export const requireActor =
  (application: Application): RequestHandler =>
  async (req, res, next) => {
    const token = bearerToken(req);
    if (token === null) return sendAppError(res, unauthenticated('Missing or malformed bearer token'));
    const result = await application.auth.authenticate(token)();
    if (E.isLeft(result)) return sendAppError(res, result.left);
    res.locals.actor = result.right;
    next();
  };

/** The authenticated caller; only reachable behind `requireActor`, so a missing one is a wiring bug. */
export const actorOf = (res: Response): Actor => {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new Error('actorOf called on a route without requireActor');
  return actor;
};

/**
 * The mutation's dedupe key from `Idempotency-Key`, scoped to the caller so keys of different users never
 * collide, with a fingerprint of the request (method, path, body) so a key reused for another request is
 * refused rather than answered with the first request's result.
 */
export const originOf = (req: Request, actor: Actor): TE.TaskEither<AppError, Origin | null> => {
  const key = req.get('idempotency-key');
  if (key === undefined) return TE.right(null);
  return IDEMPOTENCY_KEY.test(key)
    ? TE.right({ clientId: `http:${actor.userId}`, mid: key, fingerprint: requestFingerprint(req) })
    : TE.left(validation('Idempotency-Key must be 1 to 200 visible ASCII characters', 'invalid_idempotency_key'));
};

/** JSON with object keys sorted, so the same body sent with its keys in another order digests the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** A digest of what the request asks for: method, path with its ids (no query), and the body. */
export const requestFingerprint = (req: Request): string =>
  createHash('sha256')
    .update(`${req.method}\n${req.originalUrl.split('?')[0] ?? ''}\n${canonicalJson(req.body ?? {})}`)
    .digest('base64url');
