import type { Option } from 'fp-ts/Option';
import type { Task } from 'fp-ts/Task';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, UserId } from '../../domain';

/** Slow, salted password hashing (argon2id in production). */
export interface PasswordHasher {
  /** Hashes a password for storage. */
  readonly hash: (password: string) => Task<string>;
  /** True when the password matches the stored hash. */
  readonly verify: (hash: string, password: string) => Task<boolean>;
}

/** Claims an access token proves. */
export interface AccessClaims {
  readonly userId: UserId;
  readonly expiresAt: Date;
  /** The token's unique id, under which logout denylists it. */
  readonly jti: string;
  /** When it was issued (whole seconds), compared with a user's "everything before" revocation. */
  readonly issuedAt: Date;
  /** The refresh-token family (the session) the token was issued for; revoking the family refuses it. */
  readonly familyId: string;
}

/** Short-lived signed access tokens. */
export interface AccessTokens {
  /** Signs a token for a user's session (refresh family), valid from `now` for the configured lifetime. */
  readonly issue: (
    userId: UserId,
    now: Date,
    familyId: string,
  ) => Task<{ readonly token: string; readonly expiresAt: Date }>;
  /** Checks signature, algorithm, issuer, audience and expiry at `now`; `unauthenticated` otherwise. */
  readonly verify: (token: string, now: Date) => TaskEither<AppError, AccessClaims>;
}

/** One refresh token as stored: only its hash, never the token itself. */
export interface RefreshTokenRecord {
  readonly tokenHash: string;
  readonly familyId: string;
  readonly userId: UserId;
  readonly expiresAt: Date;
}

/** The outcome of presenting a refresh token once. */
export type ConsumeResult =
  | { readonly status: 'fresh'; readonly record: RefreshTokenRecord }
  /** The token was already used: a replay, so its whole family must be revoked. */
  | { readonly status: 'reused'; readonly record: RefreshTokenRecord };

/** Rotating refresh tokens grouped in families (memory now, Redis later). */
export interface RefreshTokenStore {
  /** Stores a newly issued token. */
  readonly save: (record: RefreshTokenRecord) => TaskEither<AppError, void>;
  /** Atomically marks a token used; tells whether it was fresh or already used. None if unknown or revoked. */
  readonly consume: (tokenHash: string) => TaskEither<AppError, Option<ConsumeResult>>;
  /** Revokes every token of a family (reuse detected, or logout). */
  readonly revokeFamily: (familyId: string) => TaskEither<AppError, void>;
  /** Revokes every token of a user (password change). */
  readonly revokeUser: (userId: UserId) => TaskEither<AppError, void>;
}
