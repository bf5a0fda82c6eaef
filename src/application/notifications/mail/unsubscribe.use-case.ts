import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { applySettingsPatch, validation, type AppError, type User } from '../../../domain';
import type { Application } from '../../api';
import type { AppDeps } from '../../deps';

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
        TE.map((user) => ({ user, kind: claims.kind })),
      ),
    ),
  );

/** The kind a link turns off and whether it is on; changes nothing (mail scanners follow links). */
export const previewUnsubscribe =
  (deps: AppDeps): Application['mail']['previewUnsubscribe'] =>
  (token) =>
    pipe(
      holder(deps, token),
      TE.map(({ user, kind }) => ({ kind, enabled: user.settings.email[kind] })),
    );

/** Turns e-mail of the link's kind off for its person (RFC 8058 one-click: no sign-in). */
export const unsubscribe =
  (deps: AppDeps): Application['mail']['unsubscribe'] =>
  (token) =>
    pipe(
      holder(deps, token),
      TE.chain(({ user, kind }) =>
        pipe(
          deps.users.updateSettings(user.id, applySettingsPatch(user.settings, { email: { [kind]: false } })),
          TE.map(() => ({ kind, enabled: false })),
        ),
      ),
    );
