import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { forbidden, notFound, type AppError, type Invitation, type Team, type User } from '../../domain';
import type { Actor, Application } from '../api';
import { currentUser } from '../auth/me.use-case';
import type { AppDeps } from '../deps';
import { markReadAbout } from '../notifications/inbox.use-case';
import { answerable } from './answerable';
import { invitedKey } from './invited-notification';
import { myInvitationViews } from './invitation-view';

const unknownInvitation = notFound('Invitation', 'invitation_not_found');

/** Pending invitations to the caller's e-mail address that were sent while this account held it. */
export const listMyInvitations =
  (deps: AppDeps): Application['invitations']['listMine'] =>
  (actor) =>
    pipe(
      currentUser(deps)(actor),
      TE.chain((user) => deps.invitations.listPendingForEmail(user.email, deps.clock.now())),
      TE.map((found) => found.filter((i) => i.inviteeId === actor.userId)),
      TE.chain(myInvitationViews(deps)),
    );

/**
 * One of the caller's invitations by id: sent to their address while this account held it. Anyone else's
 * is not found, so ids never leak and nobody takes over an invitation by claiming its address later.
 */
const mine = (deps: AppDeps, actor: Actor, id: Invitation['id']) =>
  pipe(
    TE.Do,
    TE.apS('user', currentUser(deps)(actor)),
    TE.apS('found', deps.invitations.findById(id)),
    TE.chain(({ user, found }) =>
      O.isSome(found) && found.value.email === user.email && found.value.inviteeId === actor.userId
        ? TE.right(found.value)
        : TE.left(unknownInvitation),
    ),
    TE.chain(answerable(deps.clock.now())),
  );

/**
 * The invitation is answered, so its `invited` notification is read (in every tab of the person). The
 * answer is committed already: a failure here leaves the notification unread, never fails the answer.
 */
const invitationDone = (deps: AppDeps, actor: Actor, invitation: Invitation): TE.TaskEither<AppError, void> =>
  pipe(
    markReadAbout(deps)(actor.userId, invitedKey(invitation.id)),
    TE.orElse(() => TE.right<AppError, void>(undefined)),
  );

/** Joins the invitation's team (one atomic step with marking it accepted) and answers the team. */
const join = (deps: AppDeps, actor: Actor) => (invitation: Invitation) =>
  pipe(
    deps.invitations.accept(invitation, actor.userId, deps.clock.now()),
    TE.chain(() => deps.teams.findById(invitation.teamId)),
    TE.chain(O.fold(() => TE.left<AppError, Team>(notFound('Team')), TE.right)),
    TE.chainFirst(() => invitationDone(deps, actor, invitation)),
  );

export const acceptInvitation =
  (deps: AppDeps): Application['invitations']['accept'] =>
  (actor, id) =>
    pipe(mine(deps, actor, id), TE.chain(join(deps, actor)));

export const declineInvitation =
  (deps: AppDeps): Application['invitations']['decline'] =>
  (actor, id) =>
    pipe(
      mine(deps, actor, id),
      TE.chain((invitation) =>
        pipe(
          deps.invitations.close(invitation, 'declined'),
          TE.chainFirst(() => invitationDone(deps, actor, invitation)),
        ),
      ),
    );

/** The e-mailed link proves the mailbox; it is for the account with that address only. */
const addressedTo = (user: User) => (invitation: Invitation) =>
  invitation.email === user.email
    ? TE.right(invitation)
    : TE.left<AppError, Invitation>(
        forbidden(
          'This invitation was sent to another e-mail address; sign in with that address to accept it',
          'invitation_for_another_address',
        ),
      );

/** Accepts the invitation an e-mailed link carries: unknown (forged) tokens are not found. */
export const acceptInvitationByToken =
  (deps: AppDeps): Application['invitations']['acceptByToken'] =>
  (actor, token) =>
    pipe(
      TE.Do,
      TE.apS('user', currentUser(deps)(actor)),
      TE.apS('found', deps.invitations.findByTokenHash(deps.secrets.hash(token))),
      TE.chain(({ user, found }) =>
        pipe(
          O.isSome(found) ? TE.right(found.value) : TE.left<AppError, Invitation>(unknownInvitation),
          TE.chain(addressedTo(user)),
        ),
      ),
      TE.chain(answerable(deps.clock.now())),
      TE.chain(join(deps, actor)),
    );
