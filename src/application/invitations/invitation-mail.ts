import type { Invitation, Team, User } from '../../domain';
import type { OutboundMail } from '../ports';

/** Where the web app accepts an e-mailed invitation; the token travels in the query string. */
export const acceptLink = (publicUrl: string | undefined, token: string): string =>
  `${publicUrl ?? ''}/invitations/accept?token=${encodeURIComponent(token)}`;

/** The invitation e-mail: who invites whom to what, and the single-use link. */
export const invitationMail = (invitation: Invitation, team: Team, inviter: User, link: string): OutboundMail => ({
  to: invitation.email,
  subject: `${inviter.name} invited you to ${team.name} on Boardroom`,
  text: [
    `${inviter.name} invited you to join the team "${team.name}" on Boardroom as ${invitation.role}.`,
    '',
    `To accept, open this link (sign in or create an account with ${invitation.email} first if asked):`,
    link,
    '',
    `The link works once and expires on ${invitation.expiresAt.slice(0, 10)}.`,
    'If you did not expect this invitation, ignore this e-mail: nothing happens unless you accept.',
  ].join('\n'),
});
