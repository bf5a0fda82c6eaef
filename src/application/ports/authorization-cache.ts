import type { Member, TeamId, UserId } from '../../domain';

/** What the cache remembers of an access token it saw verified: whose it is and which session issued it. */
export interface VerifiedSession {
  readonly userId: UserId;
  /** The refresh family (session); revoking it forgets the token. */
  readonly familyId: string;
}

/**
 * This instance's memory of what authorization would otherwise read on every request: verified
 * sessions (access token → user, not denylisted, user still there) and team memberships. It lives in
 * the process, so it answers synchronously and never fails; it is bounded (least recently used entries
 * go first) and every entry expires after a short TTL, the backstop for a control message that never
 * arrived. Only positive answers are remembered: a "not a member" is always read again, so a membership
 * gained (an accepted invitation) works at once on every instance.
 *
 * A fill is guarded by a ticket taken before the catalog was read: if anything was forgotten since,
 * the fill is dropped, so an answer read before a revocation can never be stored after it.
 */
export interface AuthorizationCache {
  /** Take this before reading the catalog and hand it back to `rememberSession` / `rememberMembership`. */
  readonly ticket: () => number;
  /** The session the token (by `jti`) was verified for, within the TTL and not forgotten since; else undefined. */
  readonly session: (jti: string) => VerifiedSession | undefined;
  /** Remembers a verified token, unless something was forgotten since `ticket` was taken. */
  readonly rememberSession: (ticket: number, jti: string, session: VerifiedSession) => void;
  /** The user's membership of the team as last read, within the TTL and not forgotten since; else undefined. */
  readonly membership: (teamId: TeamId, userId: UserId) => Member | undefined;
  /** Remembers a membership read from the catalog, unless something was forgotten since `ticket` was taken. */
  readonly rememberMembership: (ticket: number, member: Member) => void;
  /** Forgets the user's membership of one team (removed, left, role changed). */
  readonly forgetMembership: (teamId: TeamId, userId: UserId) => void;
  /** Forgets every token of one session (logout, refresh replay). */
  readonly forgetSession: (familyId: string) => void;
  /** Forgets every token and membership of the user (signed out everywhere, password changed, account deleted). */
  readonly forgetUser: (userId: UserId) => void;
}
