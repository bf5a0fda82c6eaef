import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, Invitation, NewNotification, Team, User } from '../../domain';
import type { AppDeps } from '../deps';

/** The key of an invitation's `invited` notification: one per invitation and invitee. */
export const invitedKey = (invitationId: Invitation['id']): string => `invited:${invitationId}`;

/**
 * `invited` for the account that holds the invited address, keyed by the invitation, so inviting again
 * (which refreshes the same pending invitation) notifies once. It names the team and the inviter, no more
 * than the invitee's invitation list shows.
 */
export const notifyInvitee = (
  deps: Pick<AppDeps, 'notify'>,
  invitee: User | null,
  invitation: Invitation,
  team: Team,
  inviter: User,
): TE.TaskEither<AppError, void> => {
  if (invitee === null) return TE.right(undefined);
  const item: NewNotification = {
    userId: invitee.id,
    kind: 'invited',
    key: invitedKey(invitation.id),
    teamId: team.id,
    boardId: null,
    cardId: null,
    actor: { id: inviter.id, name: inviter.name },
    title: team.name,
    boardTitle: null,
    excerpt: null,
    at: invitation.createdAt,
  };
  return pipe(
    deps.notify([item]),
    TE.map(() => undefined),
  );
};
