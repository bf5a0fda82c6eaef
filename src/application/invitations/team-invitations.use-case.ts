import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { notFound, type AppError, type Invitation } from '../../domain';
import type { Application } from '../api';
import { authorize, authorizeGrant } from '../authorization';
import type { AppDeps } from '../deps';
import { invitationViews } from './invitation-view';
import { answerable } from './answerable';

/** The team's pending invitations; those who may invite may see them. */
export const listTeamInvitations =
  (deps: AppDeps): Application['invitations']['listForTeam'] =>
  (actor, teamId) =>
    pipe(
      authorize(deps)(actor, teamId, 'team.members.manage'),
      TE.chain(() => deps.invitations.listPendingForTeam(teamId, deps.clock.now())),
      TE.chain(invitationViews(deps)),
    );

/**
 * Withdraws a pending invitation, so its link and its entry in the invitee's list stop working. It
 * takes the right to grant the invited role; another team's invitation id is not found.
 */
export const revokeInvitation =
  (deps: AppDeps): Application['invitations']['revoke'] =>
  (actor, teamId, invitationId) =>
    pipe(
      authorize(deps)(actor, teamId, 'team.members.manage'),
      TE.chain((granter) =>
        pipe(
          deps.invitations.findById(invitationId),
          TE.chain(
            O.fold(
              () => TE.left<AppError, Invitation>(notFound('Invitation', 'invitation_not_found')),
              (i) => (i.teamId === teamId ? TE.right(i) : TE.left(notFound('Invitation', 'invitation_not_found'))),
            ),
          ),
          TE.chainFirst((invitation) => authorizeGrant(granter, invitation.role)),
        ),
      ),
      TE.chain(answerable(deps.clock.now())),
      TE.chain((invitation) => deps.invitations.close(invitation, 'revoked')),
    );
