import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { currentUser } from './me.use-case';

/** Changes some notification settings and keeps the rest. */
export const updateSettings =
  (deps: AppDeps): Application['auth']['updateSettings'] =>
  (actor, patch) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) =>
        deps.users.updateSettings(user.id, {
          ...user.settings,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        }),
      ),
    );
