import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { rateLimited, type AppError } from '../domain';
import type { Actor, Application } from './api';
import type { AppDeps, RateLimits } from './deps';
import { perWindow, type RateDecision } from './ports';

export type { RateLimits } from './deps';

export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerAccount: perWindow(10, 15 * 60),
  loginPerIp: perWindow(100, 15 * 60),
  mutationsPerUser: { capacity: 60, refillPerSecond: 20 },
};

export const rateLimitsOf = (deps: Pick<AppDeps, 'settings'>): RateLimits =>
  deps.settings.rateLimits ?? DEFAULT_RATE_LIMITS;

/** A refused decision as the error the caller hears (HTTP 429 + Retry-After, WS nack `rate_limited`). */
export const refusal = (decision: RateDecision, message: string): TE.TaskEither<AppError, void> =>
  decision.allowed ? TE.right(undefined) : TE.left(rateLimited(decision.retryAfterSeconds, message));

/**
 * Spends one of the user's mutation tokens. An unreachable limiter lets the mutation through: the
 * limit protects capacity, and refusing every write while Redis is down would be an outage of its own.
 * The adapter logs and counts each such failure.
 */
export const spendMutation =
  (deps: Pick<AppDeps, 'rateLimiter' | 'settings'>) =>
  (actor: Actor): TE.TaskEither<AppError, void> =>
    pipe(
      deps.rateLimiter.take(`mut:${actor.userId}`, 1, rateLimitsOf(deps).mutationsPerUser),
      TE.orElse((error) => (error.kind === 'unavailable' ? TE.right({ allowed: true, remaining: 0 }) : TE.left(error))),
      TE.chain((decision) => refusal(decision, 'Too many changes; slow down')),
    );

/**
 * Guesses are budgeted per account and per client IP. Every attempt spends a token up front (so a
 * burst of parallel guesses cannot all slip past a check), and a successful one gets them back, so
 * only failures count. An unreachable limiter refuses logins (`unavailable`): the session store is
 * the same Redis, so a login could not be completed anyway, and failing open would unthrottle guessing.
 */
export const guessBudget = (
  deps: Pick<AppDeps, 'rateLimiter' | 'settings' | 'secrets'>,
  email: string,
  ip: string | undefined,
) => {
  const limits = rateLimitsOf(deps);
  const buckets = [
    ...(ip === undefined ? [] : [{ key: `login:ip:${ip}`, rule: limits.loginPerIp }]),
    // Hashed so neither an email (personal data) nor an arbitrarily long string becomes a store key.
    { key: `login:account:${deps.secrets.hash(email)}`, rule: limits.loginPerAccount },
  ];
  return {
    spend: buckets.reduce<TE.TaskEither<AppError, void>>(
      (previous, { key, rule }) =>
        pipe(
          previous,
          TE.chain(() => deps.rateLimiter.take(key, 1, rule)),
          TE.chain((decision) => refusal(decision, 'Too many failed logins; try again later')),
        ),
      TE.right(undefined),
    ),
    refund: pipe(
      TE.sequenceArray(buckets.map(({ key, rule }) => deps.rateLimiter.refund(key, 1, rule))),
      TE.map(() => undefined),
    ),
  };
};

const limited = <F extends (actor: Actor, ...rest: never[]) => TE.TaskEither<AppError, unknown>>(
  deps: Pick<AppDeps, 'rateLimiter' | 'settings'>,
  run: F,
): F =>
  ((actor: Actor, ...rest: never[]) =>
    pipe(
      spendMutation(deps)(actor),
      TE.chain(() => run(actor, ...rest)),
    )) as F;

/** The application with every board mutation (REST and WebSocket share these use cases) behind the per-user budget. */
export const withMutationLimits = (deps: Pick<AppDeps, 'rateLimiter' | 'settings'>, app: Application): Application => ({
  ...app,
  boards: { ...app.boards, create: limited(deps, app.boards.create), update: limited(deps, app.boards.update) },
  lists: {
    create: limited(deps, app.lists.create),
    update: limited(deps, app.lists.update),
    move: limited(deps, app.lists.move),
    delete: limited(deps, app.lists.delete),
  },
  cards: {
    create: limited(deps, app.cards.create),
    update: limited(deps, app.cards.update),
    move: limited(deps, app.cards.move),
    delete: limited(deps, app.cards.delete),
  },
  comments: { ...app.comments, create: limited(deps, app.comments.create) },
});
