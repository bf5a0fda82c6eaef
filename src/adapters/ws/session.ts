import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Actor, Application } from '../../application/api';
import type { AccessTokens, Clock } from '../../application/ports';
import type { AppError } from '../../domain';
import type { WireError } from './frames';
import { CLOSE, wireError } from './wire-errors';

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

/** What to do after a token was presented on a socket. */
export type AuthOutcome =
  | { readonly kind: 'ready'; readonly session: SocketSession }
  /** Close the socket: bad token, another user's token, no room for one more socket. */
  | { readonly kind: 'close'; readonly code: number; readonly reason: string; readonly error?: WireError }
  /** The token could not be checked now; the socket keeps the session it has until it runs out. */
  | { readonly kind: 'error'; readonly error: WireError };

const TOO_MANY_SOCKETS: WireError = {
  code: 'too_many_sockets',
  message: 'Too many open sockets for this user; close another tab first',
  retryable: true,
};

/**
 * The session a socket is bound to: set by its first `auth` frame, extended by later ones carrying a
 * fresh token of the same user, over once the token expires.
 */
export class SessionBinding {
  private current: SocketSession | null = null;

  constructor(
    private readonly verify: VerifySession,
    /** Whether the user may hold one more socket. */
    private readonly admit: (userId: string) => boolean,
    private readonly now: () => number,
  ) {}

  /** The session, once the socket has authenticated. */
  get session(): SocketSession | null {
    return this.current;
  }

  /** Whether the socket authenticated and its token has expired since. */
  expired(): boolean {
    return this.current !== null && this.now() >= this.current.expiresAt;
  }

  /** Checks a token sent on the socket; on success the socket is bound to (or stays with) its session. */
  async present(token: string): Promise<AuthOutcome> {
    const result = await this.verify(token)();
    if (E.isLeft(result)) return this.refused(result.left);
    const next = result.right;
    if (this.current !== null && this.current.actor.userId !== next.actor.userId) {
      return { kind: 'close', code: CLOSE.unauthenticated, reason: 'token of another user' };
    }
    if (this.current === null && !this.admit(next.actor.userId)) {
      return { kind: 'close', code: CLOSE.rateLimited, reason: 'too many sockets', error: TOO_MANY_SOCKETS };
    }
    this.current = next;
    return { kind: 'ready', session: next };
  }

  private refused(error: AppError): AuthOutcome {
    if (error.kind === 'unauthenticated')
      return { kind: 'close', code: CLOSE.unauthenticated, reason: 'invalid token' };
    // The token could not be checked (denylist down): a bound socket keeps its session until it runs out.
    if (this.current !== null) return { kind: 'error', error: wireError(error) };
    return { kind: 'close', code: CLOSE.tryAgainLater, reason: 'cannot check the token now' };
  }
}
