import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { DEFAULT_SETTINGS, normalizeEmail, type User } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { spendSignup } from '../rate-limits';
import { issueSession } from '../session';

/**
 * Registers a user (email normalized; `conflict/email_taken` when in use) and starts a session on a
 * device that is then known to the account. Sign-ups are budgeted per client IP. The browser sends its
 * time zone, which digests follow (UTC when none is given).
 */
export const signUp =
  (deps: AppDeps): Application['auth']['signUp'] =>
  (input) => {
    const user: User = {
      id: deps.ids.next(),
      email: normalizeEmail(input.email),
      name: input.name,
      settings: { ...DEFAULT_SETTINGS, ...(input.timeZone !== undefined && { timeZone: input.timeZone }) },
      createdAt: deps.clock.now().toISOString(),
    };
    return pipe(
      spendSignup(deps, input.ip),
      TE.chain(() => TE.fromTask(deps.passwords.hash(input.password))),
      TE.chain((hash) => deps.users.create(user, hash)),
      TE.chain((created) => issueSession(deps)(created)),
      TE.map((session) => ({ ...session, deviceCookie: deps.deviceCookies.issue(session.user.id) })),
    );
  };
