import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { normalizeEmail, unauthenticated, type AppError, type User } from '../../domain';
import type { Application, Session } from '../api';
import type { AppDeps } from '../deps';
import { guessBudget } from '../rate-limits';
import { issueSession } from '../session';

const invalidCredentials = (): AppError => unauthenticated('Email or password is incorrect', 'invalid_credentials');

/**
 * Logs in with email and password. Unknown emails and wrong passwords answer the same error, and an
 * unknown email still pays for one hash verification so response time does not reveal accounts.
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
    const budget = guessBudget(deps, email, input.ip);
    return pipe(
      budget.spend,
      TE.chain(() => deps.users.findByEmail(email)),
      TE.chain((found) => TE.fromTask(check(found, input.password))),
      TE.chain(
        O.fold(
          () => TE.left<AppError, Session>(invalidCredentials()),
          (user) =>
            pipe(
              budget.refund,
              TE.chain(() => issueSession(deps)(user)),
            ),
        ),
      ),
    );
  };
};
