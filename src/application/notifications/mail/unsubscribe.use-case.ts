import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { applySettingsPatch, validation, type AppError, type NotificationPreference, type User } from '../../../domain';
import type { Application } from '../../api';
import type { AppDeps } from '../../deps';
import type { UnsubscribeTarget } from '../../ports';

// An account deleted since the e-mail went out: the link is as useless as a forged one.
const gone = () => validation('This unsubscribe link is for an account that no longer exists.', 'unsubscribe_gone');

const holder = (deps: AppDeps, token: string) =>
  pipe(
    deps.unsubscribeTokens.verify(token),
    TE.chain((claims) =>
      pipe(
        deps.users.findById(claims.userId),
        TE.chain(
          O.fold(
            () => TE.left<AppError, User>(gone()),
            (user) => TE.right(user),
          ),
        ),
        TE.map((user) => ({ user, kinds: claims.kinds })),
      ),
    ),
  );

const target = (kinds: readonly NotificationPreference[], enabled: boolean): UnsubscribeTarget => ({
  kind: kinds[0] ?? 'comment',
  kinds,
  enabled,
});

/** The kinds a link turns off and whether any is on; changes nothing (mail scanners follow links). */
export const previewUnsubscribe =
  (deps: AppDeps): Application['mail']['previewUnsubscribe'] =>
  (token) =>
    pipe(
      holder(deps, token),
      TE.map(({ user, kinds }) =>
        target(
          kinds,
          kinds.some((k) => user.settings.email[k]),
        ),
      ),
    );

/**
 * Turns e-mail of the link's kinds off for its person (RFC 8058 one-click: no sign-in). A message's
 * `List-Unsubscribe` header names every kind in it, so one click stops all of what that message was.
 */
export const unsubscribe =
  (deps: AppDeps): Application['mail']['unsubscribe'] =>
  (token) =>
    pipe(
      holder(deps, token),
      TE.chain(({ user, kinds }) =>
        pipe(
          deps.users.updateSettings(
            user.id,
            applySettingsPatch(user.settings, { email: Object.fromEntries(kinds.map((k) => [k, false])) }),
          ),
          TE.map(() => target(kinds, false)),
        ),
      ),
    );
