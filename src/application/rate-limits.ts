import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { rateLimited, type AppError } from '../domain';
import type { Actor, Application } from './api';
import type { AppDeps, RateLimits } from './deps';
import { perWindow, type RateDecision } from './ports';

export type { RateLimits } from './deps';

export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerAccount: perWindow(100, 15 * 60),
  loginPerAccountIp: perWindow(10, 15 * 60),
  loginPerDevice: perWindow(10, 15 * 60),
  loginPerIp: perWindow(100, 15 * 60),
  signupsPerIp: perWindow(20, 60 * 60),
  mutationsPerUser: { capacity: 60, refillPerSecond: 20 },
};

export const rateLimitsOf = (deps: Pick<AppDeps, 'settings'>): RateLimits => ({
  ...DEFAULT_RATE_LIMITS,
  ...deps.settings.rateLimits,
});

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
 * Spends one of the IP's sign-ups. Unlike failed logins these are never refunded: the limit is on
 * accounts made. Without an IP (a caller that is not the HTTP edge) there is nothing to budget.
 */
export const spendSignup = (
  deps: Pick<AppDeps, 'rateLimiter' | 'settings'>,
  ip: string | undefined,
): TE.TaskEither<AppError, void> =>
  ip === undefined
    ? TE.right(undefined)
    : pipe(
        deps.rateLimiter.take(`signup:ip:${ip}`, 1, rateLimitsOf(deps).signupsPerIp),
        TE.chain((decision) => refusal(decision, 'Too many sign-ups from this address; try again later')),
      );

/** The buckets one password guess spends: the device's own when it is known, the account's and IP's otherwise. */
const guessBuckets = (limits: RateLimits, account: string, ip: string | undefined, device: string | undefined) =>
  device !== undefined
    ? // A device that signed in to this account before has its own budget: a stranger's failures elsewhere
      // (same account, even same IP) cannot lock it out, and a stolen device cookie still buys few guesses.
      [{ key: `login:device:${device}`, rule: limits.loginPerDevice }]
    : [
        ...(ip === undefined ? [] : [{ key: `login:ip:${ip}`, rule: limits.loginPerIp }]),
        // Per (account, IP): a stranger guessing from one address locks out that address only.
        { key: `login:account-ip:${account}:${ip ?? 'none'}`, rule: limits.loginPerAccountIp },
        // Per account across addresses: a looser backstop against guessing spread over many IPs.
        { key: `login:account:${account}`, rule: limits.loginPerAccount },
      ];

/**
 * Guesses are budgeted per client IP, per account and IP, and per account — or, from a device that
 * signed in to the account before, per device only. Every attempt spends a token up front (so a burst
 * of parallel guesses cannot all slip past a check), and a successful one gets them back, so only
 * failures count. An unreachable limiter refuses logins (`unavailable`): the session store is the
 * same Redis, so a login could not be completed anyway, and failing open would unthrottle guessing.
 */
export const guessBudget = (
  deps: Pick<AppDeps, 'rateLimiter' | 'settings' | 'secrets'>,
  email: string,
  ip: string | undefined,
  device?: string,
) => {
  // Hashed so neither an email (personal data) nor an arbitrarily long string becomes a store key.
  const buckets = guessBuckets(rateLimitsOf(deps), deps.secrets.hash(email), ip, device);
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
  boards: {
    ...app.boards,
    create: limited(deps, app.boards.create),
    apply: limited(deps, app.boards.apply),
    update: limited(deps, app.boards.update),
  },
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
  // An import is one request: it spends one token, not one per op it writes.
  imports: { run: limited(deps, app.imports.run) },
});
