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

/**
 * Signed "this browser signed in to this account before" cookies (OWASP device cookies): a login that
 * presents one is budgeted per device, so a stranger's failures cannot lock the owner out.
 */
export interface DeviceCookies {
  /** A new cookie value for a device that just signed in to `userId`. */
  readonly issue: (userId: UserId) => string;
  /** The device's id when `cookie` was signed here for `userId`; none if forged, malformed or another account's. */
  readonly verify: (cookie: string, userId: UserId) => Option<string>;
}

/** One refresh token as stored: only its hash, never the token itself. */
export interface RefreshTokenRecord {
  readonly tokenHash: string;
  readonly familyId: string;
  readonly userId: UserId;
  readonly expiresAt: Date;
}

/** The token that replaces a rotated one; it joins the rotated token's family and user. */
export interface SuccessorToken {
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

/** The outcome of presenting a refresh token for rotation, with the presented token's record. */
export type RotateResult =
  /** The token was fresh: it is now used and its successor is stored in the same family. */
  | { readonly status: 'rotated'; readonly record: RefreshTokenRecord }
  /** The token was already used: a replay, so the store revoked its whole family in the same step. */
  | { readonly status: 'reused'; readonly record: RefreshTokenRecord }
  /** The token is past its expiry: nothing changed. */
  | { readonly status: 'expired'; readonly record: RefreshTokenRecord };

/**
 * Rotating refresh tokens grouped in families (one family is one session). Rotation, replay detection
 * and revocation are each atomic, so no interleaving of them leaves a live token in a revoked family.
 */
export interface RefreshTokenStore {
  /** Stores the first token of a session; `unauthenticated/session_revoked` if its family was revoked. */
  readonly save: (record: RefreshTokenRecord) => TaskEither<AppError, void>;
  /**
   * In one atomic step: a fresh, unexpired token is marked used and `successor` stored in its family
   * (`rotated`); an already used one revokes the family (`reused`). None if unknown or revoked.
   */
  readonly rotate: (
    tokenHash: string,
    successor: SuccessorToken,
    now: Date,
  ) => TaskEither<AppError, Option<RotateResult>>;
  /** The record of a live token, used or not; none if unknown or revoked. Changes nothing. */
  readonly find: (tokenHash: string) => TaskEither<AppError, Option<RefreshTokenRecord>>;
  /** Revokes every token of a family (replay, logout); the family then refuses new tokens. */
  readonly revokeFamily: (familyId: string) => TaskEither<AppError, void>;
  /** Revokes every family of a user (password change, "sign out everywhere"). */
  readonly revokeUser: (userId: UserId) => TaskEither<AppError, void>;
}
