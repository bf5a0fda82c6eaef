import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import type { AppDeps } from '../deps';

/** Ends the session by revoking the refresh token's whole family; unknown or absent tokens are fine. */
export const logOut =
  (deps: AppDeps): Application['auth']['logOut'] =>
  (refreshToken) =>
    refreshToken === null
      ? TE.right(undefined)
      : pipe(
          deps.refreshTokens.consume(deps.secrets.hash(refreshToken)),
          TE.chain(
            O.fold(
              () => TE.right(undefined),
              ({ record }) => deps.refreshTokens.revokeFamily(record.familyId),
            ),
          ),
        );
