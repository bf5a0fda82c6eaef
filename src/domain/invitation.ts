import type { Uuid, TeamId, UserId } from './ids';
import type { Role } from './roles';

export type InvitationId = Uuid;

/** Where an invitation is in its life; only a pending, unexpired one can be answered. */
export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

/**
 * An offer of membership to whoever holds an e-mail address. Membership needs the invitee's consent,
 * so an invitation only becomes a member when the invitee accepts it. Only the hash of its token is kept.
 */
export interface Invitation {
  readonly id: InvitationId;
  readonly teamId: TeamId;
  /** Normalized (trimmed, lower-cased) address the invitation was sent to. */
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: UserId;
  /**
   * The account that held the invited address when the invitation was sent. Only that account may see
   * and accept it in the app; addresses are not verified, so anyone else (an account created or renamed
   * to the address later) must use the mailed link, which proves the mailbox. Null: the link only.
   */
  readonly inviteeId: UserId | null;
  readonly tokenHash: string;
  readonly status: InvitationStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** How long an e-mailed invitation link stays valid. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** The moment an invitation made at `now` stops being valid. */
export const invitationExpiry = (now: Date): string => new Date(now.getTime() + INVITATION_TTL_MS).toISOString();

/** Why an invitation cannot be answered now, or null when it can. */
export const invitationProblem = (
  invitation: Invitation,
  now: Date,
): 'accepted' | 'declined' | 'revoked' | 'expired' | null => {
  if (invitation.status !== 'pending') return invitation.status;
  return Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : null;
};
