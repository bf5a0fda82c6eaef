import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { applySettingsPatch } from '../../domain';
import type { AppDeps } from '../deps';
import { currentUser } from './me.use-case';

/**
 * Changes some notification settings and keeps the rest (the first-version keys are mapped). A new digest
 * mode or time zone also applies to e-mail already queued; if moving it fails, the queued mail still goes out in its
 * old batches, so the change stands.
 */
export const updateSettings =
  (deps: AppDeps): Application['auth']['updateSettings'] =>
  (actor, patch) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) =>
        pipe(
          deps.users.updateSettings(user.id, applySettingsPatch(user.settings, patch)),
          TE.chainFirstTaskK((updated) => async () => {
            const { digest, timeZone } = updated.settings;
            if (digest !== user.settings.digest || timeZone !== user.settings.timeZone)
              await deps.rebatchMail(updated)();
          }),
        ),
      ),
    );
