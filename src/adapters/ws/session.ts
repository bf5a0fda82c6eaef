import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Actor, Application } from '../../application/api';
import type { AccessTokens, Clock } from '../../application/ports';
import type { AppError } from '../../domain';

/** What a socket knows about the session it was opened with: who, which session, until when. */
export interface SocketSession {
  readonly actor: Actor;
  /** The refresh family the access token belongs to; revoking it closes the socket. */
  readonly familyId: string;
  /** Milliseconds since the epoch at which the access token expires and the socket with it. */
  readonly expiresAt: number;
}

/** Checks an access token for a socket, as REST would, and tells the session it belongs to. */
export type VerifySession = (token: string) => TE.TaskEither<AppError, SocketSession>;

/**
 * REST's `authenticate` (signature, expiry, denylist, user still there) plus the claims a socket
 * needs to bind itself to the session: its family and its expiry.
 */
export const sessionVerifier =
  (application: Application, accessTokens: AccessTokens, clock: Clock): VerifySession =>
  (token) =>
    pipe(
      accessTokens.verify(token, clock.now()),
      TE.chain((claims) =>
        pipe(
          application.auth.authenticate(token),
          TE.map((actor) => ({ actor, familyId: claims.familyId, expiresAt: claims.expiresAt.getTime() })),
        ),
      ),
    );
