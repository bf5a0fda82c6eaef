import * as TE from 'fp-ts/TaskEither';
import { conflict, invitationProblem, type AppError, type Invitation } from '../../domain';

const MESSAGES = {
  accepted: 'This invitation has already been accepted',
  declined: 'This invitation was declined',
  revoked: 'This invitation was withdrawn by the team',
  expired: 'This invitation has expired; ask the team for a new one',
} as const;

/** The invitation when it can still be answered; otherwise a conflict whose code says why not. */
export const answerable =
  (now: Date) =>
  (invitation: Invitation): TE.TaskEither<AppError, Invitation> => {
    const problem = invitationProblem(invitation, now);
    return problem === null ? TE.right(invitation) : TE.left(conflict(MESSAGES[problem], `invitation_${problem}`));
  };
