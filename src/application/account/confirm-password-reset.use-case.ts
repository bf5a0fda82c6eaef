import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { validation, type AppError, type UserId } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import type { PasswordResetRecord } from '../ports';
import { endAllSessions } from '../session';

/** What `SecretGenerator.token` makes (URL-safe base64), with room to spare; anything else was never ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

const malformed = () =>
  validation(
    'This reset link is incomplete. Copy the whole link from the e-mail, or ask for a new one.',
    'reset_token_malformed',
  );
const invalid = () => validation('This reset link is not valid. Ask for a new one.', 'reset_token_invalid');
const used = () =>
  validation('This reset link has already been used. Ask for a new one if you still need it.', 'reset_token_used');
const expired = () => validation('This reset link has expired. Ask for a new one.', 'reset_token_expired');

/** Why a stored link cannot be used at `now`, if it cannot: spent first, then expired, then its address moved on. */
const usable = (deps: AppDeps, reset: PasswordResetRecord, now: Date): TE.TaskEither<AppError, UserId> => {
  if (reset.usedAt !== null) return TE.left(used());
  if (reset.expiresAt <= now) return TE.left(expired());
  return pipe(
    deps.users.findById(reset.userId),
    TE.chain((user) =>
      O.isSome(user) && user.value.email === reset.email ? TE.right(reset.userId) : TE.left(invalid()),
    ),
  );
};

/**
 * Sets a new password with a mailed link, once: the link is spent and the password set in one step, so
 * two clicks cannot both succeed. Then every session of the user ends (refresh tokens, access tokens,
 * sockets). Unknown, malformed, spent and expired links are refused with their own codes, changing nothing.
 */
export const confirmPasswordReset =
  (deps: AppDeps): Application['account']['confirmPasswordReset'] =>
  (input) => {
    if (!TOKEN_SHAPE.test(input.token)) return TE.left(malformed());
    const tokenHash = deps.secrets.hash(input.token);
    const now = deps.clock.now();
    return pipe(
      deps.users.findPasswordReset(tokenHash),
      TE.chain(O.fold(() => TE.left<AppError, PasswordResetRecord>(invalid()), TE.right)),
      TE.chain((reset) => usable(deps, reset, now)),
      TE.chain(() => TE.fromTask(deps.passwords.hash(input.newPassword))),
      TE.chain((hash) => deps.users.spendPasswordReset(tokenHash, hash, now)),
      TE.chain(O.fold(() => TE.left<AppError, UserId>(used()), TE.right)),
      TE.chain((userId) => endAllSessions(deps)(userId)),
    );
  };
