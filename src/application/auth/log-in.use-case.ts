import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { normalizeEmail, unauthenticated, type AppError, type User } from '../../domain';
import type { Application, Session } from '../api';
import type { AppDeps } from '../deps';
import type { Credentials } from '../ports';
import { guessBudget } from '../rate-limits';
import { issueSession } from '../session';

const invalidCredentials = (): AppError => unauthenticated('Email or password is incorrect', 'invalid_credentials');

/** The device id when the presented cookie was issued to this browser for this very account. */
const knownDevice = (deps: AppDeps, found: O.Option<Credentials>, cookie: string | undefined): string | undefined =>
  O.isSome(found) && cookie !== undefined
    ? O.toUndefined(deps.deviceCookies.verify(cookie, found.value.user.id))
    : undefined;

/**
 * Logs in with email and password. Unknown emails and wrong passwords answer the same error, and an
 * unknown email still pays for one hash verification so response time does not reveal accounts. A
 * successful login marks the browser as a known device for the account (a signed device cookie).
 */
export const logIn = (deps: AppDeps): Application['auth']['logIn'] => {
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= deps.passwords.hash('timing-equaliser-not-a-password')());

  const check = (found: O.Option<{ user: User; passwordHash: string }>, password: string) => async () => {
    if (O.isNone(found)) {
      await deps.passwords.verify(await dummy(), password)();
      return O.none;
    }
    const ok = await deps.passwords.verify(found.value.passwordHash, password)();
    return ok ? O.some(found.value.user) : O.none;
  };

  return (input) => {
    const email = normalizeEmail(input.email);
    return pipe(
      deps.users.findByEmail(email),
      TE.chain((found) => {
        const device = knownDevice(deps, found, input.deviceCookie);
        const budget = guessBudget(deps, email, input.ip, device);
        return pipe(
          budget.spend,
          TE.chain(() => TE.fromTask(check(found, input.password))),
          TE.chain(
            O.fold(
              () => TE.left<AppError, Session>(invalidCredentials()),
              (user) =>
                pipe(
                  budget.refund,
                  TE.chain(() => issueSession(deps)(user)),
                  TE.map((session) => ({
                    ...session,
                    deviceCookie:
                      device !== undefined && input.deviceCookie !== undefined
                        ? input.deviceCookie
                        : deps.deviceCookies.issue(user.id),
                  })),
                ),
            ),
          ),
        );
      }),
    );
  };
};
