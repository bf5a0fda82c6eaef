import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, UserId } from '../../domain';

/** What the denylist needs to know about one access token. */
export interface AccessTokenIdentity {
  readonly jti: string;
  readonly userId: UserId;
  readonly issuedAt: Date;
  /** The session (refresh family) it was issued for. */
  readonly familyId: string;
}

/**
 * Access tokens that must stop working before they expire: single tokens, every token of a session
 * (logout, replay, any revoked family) and every token of a user issued up to a moment (password
 * change, "sign out everywhere"). Entries expire by themselves once no token they
 * name could still be valid.
 */
export interface AccessTokenDenylist {
  /** Refuses one token (by its `jti`) until `expiresAt`, when it would have stopped working anyway. */
  readonly denyToken: (jti: string, expiresAt: Date) => TaskEither<AppError, void>;
  /** Refuses every token of the user issued at or before `at` (to the second); remembered until `until`. */
  readonly denyUserUntil: (userId: UserId, at: Date, until: Date) => TaskEither<AppError, void>;
  /** Refuses every token of the session (refresh family) until `until`, when the last of them has expired. */
  readonly denyFamily: (familyId: string, until: Date) => TaskEither<AppError, void>;
  /** Whether the token was denied: by itself, with its session, or as one of its user's older tokens. */
  readonly isDenied: (token: AccessTokenIdentity) => TaskEither<AppError, boolean>;
}

/** Token times are whole seconds, so a token issued in the second of a revocation counts as before it. */
export const issuedNoLaterThan = (issuedAt: Date, revokedAtMs: number): boolean =>
  Math.floor(issuedAt.getTime() / 1000) <= Math.floor(revokedAtMs / 1000);
