import type { Option } from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, Invitation, InvitationId, Member, TeamId, UserId } from '../../domain';

/** The invitation as it was read: its id and the token it had then (a re-invite replaces the token). */
export type InvitationRef = Pick<Invitation, 'id' | 'tokenHash'>;

/** Pending and answered invitations (catalog database). */
export interface InvitationRepository {
  /**
   * Stores a pending invitation, or refreshes the team's pending one for the same address in place
   * (keeping its id; new token, role, inviter and expiry, so the old link stops working).
   */
  readonly upsertPending: (invitation: Invitation) => TaskEither<AppError, Invitation>;
  /** One invitation by id, in any status. */
  readonly findById: (id: InvitationId) => TaskEither<AppError, Option<Invitation>>;
  /** The invitation whose token hashes to `tokenHash`, in any status. */
  readonly findByTokenHash: (tokenHash: string) => TaskEither<AppError, Option<Invitation>>;
  /** The team's pending invitations that have not expired at `now`, oldest first. */
  readonly listPendingForTeam: (teamId: TeamId, now: Date) => TaskEither<AppError, readonly Invitation[]>;
  /** Pending, unexpired invitations to a (normalized) address, oldest first. */
  readonly listPendingForEmail: (email: string, now: Date) => TaskEither<AppError, readonly Invitation[]>;
  /**
   * Ends a pending invitation without a membership (declined or revoked);
   * `conflict/invitation_unavailable` when it is no longer pending with the token it was read with.
   */
  readonly close: (ref: InvitationRef, status: 'declined' | 'revoked') => TaskEither<AppError, void>;
  /**
   * Marks a pending, unexpired invitation accepted and makes `userId` a member with its role, in one
   * step; an existing membership is kept as it is. `conflict/invitation_unavailable` when the
   * invitation is no longer pending with the token it was read with, or expired at `now`.
   */
  readonly accept: (ref: InvitationRef, userId: UserId, now: Date) => TaskEither<AppError, Member>;
}
