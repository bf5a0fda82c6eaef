import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { DEFAULT_SETTINGS, normalizeEmail, type User } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { issueSession } from '../session';

/** Registers a user (email normalized; `conflict/email_taken` when in use) and starts a session. */
export const signUp =
  (deps: AppDeps): Application['auth']['signUp'] =>
  (input) => {
    const user: User = {
      id: deps.ids.next(),
      email: normalizeEmail(input.email),
      name: input.name,
      settings: DEFAULT_SETTINGS,
      createdAt: deps.clock.now().toISOString(),
    };
    return pipe(
      TE.fromTask(deps.passwords.hash(input.password)),
      TE.chain((hash) => deps.users.create(user, hash)),
      TE.chain((created) => issueSession(deps)(created)),
    );
  };
