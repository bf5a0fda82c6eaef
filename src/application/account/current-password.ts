import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { validation, type AppError, type User } from '../../domain';
import type { AppDeps } from '../deps';
import { guessBudget } from '../rate-limits';

type Deps = Pick<AppDeps, 'users' | 'passwords' | 'rateLimiter' | 'settings' | 'secrets'>;

/**
 * Re-confirms the signed-in user's password before a sensitive change (password, e-mail, deletion).
 * A wrong password spends the account's login budget: a stolen access token is no side door for guessing.
 */
export const confirmCurrentPassword = (deps: Deps, user: User, password: string): TE.TaskEither<AppError, void> => {
  const budget = guessBudget(deps, user.email, undefined);
  return pipe(
    budget.spend,
    TE.chain(() => deps.users.findByEmail(user.email)),
    TE.chain((found) =>
      O.isSome(found) ? TE.fromTask(deps.passwords.verify(found.value.passwordHash, password)) : TE.right(false),
    ),
    TE.chain((ok) => (ok ? budget.refund : TE.left(validation('The current password is incorrect', 'wrong_password')))),
  );
};
