import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { applySettingsPatch } from '../../domain';
import type { AppDeps } from '../deps';
import { currentUser } from './me.use-case';

/** Changes some notification settings and keeps the rest (the first-version keys are mapped). */
export const updateSettings =
  (deps: AppDeps): Application['auth']['updateSettings'] =>
  (actor, patch) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) => deps.users.updateSettings(user.id, applySettingsPatch(user.settings, patch))),
    );
