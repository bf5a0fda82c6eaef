import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { normalizeEmail, validation, type AppError, type User } from '../../domain';
import type { Application } from '../api';
import { currentUser } from '../auth/me.use-case';
import type { AppDeps } from '../deps';
import type { ProfilePatch } from '../ports';
import { inBackground } from './background';
import { confirmCurrentPassword } from './current-password';
import { emailChangedMail } from './mails';

/** An e-mail change re-confirms the password: whoever holds the address can reset the password. */
const authorizeChange = (
  deps: AppDeps,
  user: User,
  newEmail: string | undefined,
  currentPassword: string | undefined,
): TE.TaskEither<AppError, void> => {
  if (newEmail === undefined || newEmail === user.email) return TE.right(undefined);
  if (currentPassword === undefined) {
    return TE.left(validation('Enter your current password to change your e-mail address', 'password_required'));
  }
  return confirmCurrentPassword(deps, user, currentPassword);
};

/**
 * Changes the caller's name and/or e-mail (`conflict/email_taken` when another account has it). A new
 * e-mail needs the current password, and the old address is told about the change.
 */
export const updateProfile =
  (deps: AppDeps): Application['account']['updateProfile'] =>
  (actor, input) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) => {
        const email = input.email === undefined ? undefined : normalizeEmail(input.email);
        const patch: ProfilePatch = {
          ...(input.name !== undefined && { name: input.name }),
          ...(email !== undefined && email !== user.email && { email }),
        };
        if (patch.name === undefined && patch.email === undefined) return TE.right(user);
        return pipe(
          authorizeChange(deps, user, email, input.currentPassword),
          TE.chain(() => deps.users.updateProfile(user.id, patch)),
          TE.chainFirstIOK((updated) => () => {
            if (updated.email !== user.email)
              inBackground(deps.mailer.send(emailChangedMail(user.email, updated.email)));
          }),
        );
      }),
    );
