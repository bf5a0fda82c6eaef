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

/** The mutation's dedupe key from `Idempotency-Key`, scoped to the caller so keys of different users never collide. */
export const originOf = (req: Request, actor: Actor): TE.TaskEither<AppError, Origin | null> => {
  const key = req.get('idempotency-key');
  if (key === undefined) return TE.right(null);
  return IDEMPOTENCY_KEY.test(key)
    ? TE.right({ clientId: `http:${actor.userId}`, mid: key })
    : TE.left(validation('Idempotency-Key must be 1 to 200 visible ASCII characters', 'invalid_idempotency_key'));
};
