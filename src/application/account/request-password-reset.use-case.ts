import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { normalizeEmail, type AppError, type User } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { perWindow, type RateRule } from '../ports';
import { refusal } from '../rate-limits';
import { inBackground } from './background';
import { passwordResetMail, RESET_LINK_MINUTES } from './mails';

/** How often a reset may be asked for: per address (so nobody floods an inbox) and per client IP. */
export const PASSWORD_RESET_LIMITS: { readonly perAccount: RateRule; readonly perIp: RateRule } = {
  perAccount: perWindow(3, 3600),
  perIp: perWindow(20, 3600),
};

/** Both buckets, spent up front. An unreachable limiter refuses (`unavailable`): failing open would let anyone flood inboxes. */
const spendBudget = (deps: AppDeps, email: string, ip: string | undefined): TE.TaskEither<AppError, void> => {
  const buckets = [
    ...(ip === undefined ? [] : [{ key: `reset:ip:${ip}`, rule: PASSWORD_RESET_LIMITS.perIp }]),
    // The key is the same whether or not the address has an account, so a refusal reveals nothing.
    { key: `reset:account:${deps.secrets.hash(email)}`, rule: PASSWORD_RESET_LIMITS.perAccount },
  ];
  return buckets.reduce<TE.TaskEither<AppError, void>>(
    (previous, { key, rule }) =>
      pipe(
        previous,
        TE.chain(() => deps.rateLimiter.take(key, 1, rule)),
        TE.chain((decision) => refusal(decision, 'Too many password reset requests; try again later')),
      ),
    TE.right(undefined),
  );
};

/** Stores a new single-use link (its hash only) and mails it without waiting for the delivery. */
const mailResetLink = (deps: AppDeps, user: User): TE.TaskEither<AppError, void> => {
  const token = deps.secrets.token();
  const now = deps.clock.now();
  return pipe(
    deps.users.savePasswordReset({
      tokenHash: deps.secrets.hash(token),
      userId: user.id,
      email: user.email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
      usedAt: null,
    }),
    TE.map(() => {
      const publicUrl = deps.settings.publicUrl ?? 'http://localhost:3000';
      inBackground(deps.mailer.send(passwordResetMail(user.email, publicUrl, token)));
    }),
  );
};

/**
 * Mails a password reset link when the address has an account, and answers the same either way: the
 * answer never tells whether an account exists, and it does not wait for the mail to go out.
 */
export const requestPasswordReset =
  (deps: AppDeps): Application['account']['requestPasswordReset'] =>
  (input) => {
    const email = normalizeEmail(input.email);
    return pipe(
      spendBudget(deps, email, input.ip),
      TE.chain(() => deps.users.findByEmail(email)),
      TE.chain(
        O.fold(
          () => TE.right(undefined),
          ({ user }) => mailResetLink(deps, user),
        ),
      ),
    );
  };
