import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  conflict,
  invitationExpiry,
  normalizeEmail,
  notFound,
  type AppError,
  type Invitation,
  type Team,
  type TeamId,
  type User,
} from '../../domain';
import type { Application } from '../api';
import { authorize, authorizeGrant } from '../authorization';
import type { AppDeps } from '../deps';
import { spendInvitation } from './invite-budget';
import { acceptLink, invitationMail } from './invitation-mail';
import { invitationViews } from './invitation-view';
import { notifyInvitee } from './invited-notification';

const found = <A>(what: string) =>
  O.fold(
    () => TE.left<AppError, A>(notFound(what)),
    (a: A) => TE.right(a),
  );

/**
 * The account holding the address now, if any (the invitee the app may show the invitation to); inviting
 * someone who is already in the team is a mistake worth telling the inviter about.
 */
const inviteeNotYetMember = (deps: AppDeps, teamId: TeamId, email: string): TE.TaskEither<AppError, User | null> =>
  pipe(
    deps.users.findByEmail(email),
    TE.chain(
      O.fold(
        () => TE.right<AppError, User | null>(null),
        ({ user }) =>
          pipe(
            deps.teams.membership(teamId, user.id),
            TE.chain((member) =>
              O.isSome(member)
                ? TE.left<AppError, User>(conflict('That person is already a member of the team', 'already_member'))
                : TE.right(user),
            ),
          ),
      ),
    ),
  );

/**
 * Invites an e-mail address to the team: a pending invitation whose single-use token is mailed and
 * only its hash stored. Owners and admins may invite, admins up to admin. Inviting the same address
 * again refreshes the pending invitation (new link, role and expiry; the old link stops working).
 * When the mail cannot be handed over the answer is `unavailable`; the invitation stays pending (and
 * listed for the invitee in the app), and inviting again sends a fresh link.
 */
export const invite =
  (deps: AppDeps): Application['invitations']['invite'] =>
  (actor, teamId, input) => {
    const email = normalizeEmail(input.email);
    const now = deps.clock.now();
    const token = deps.secrets.token();
    const invitationFor = (invitee: User | null): Invitation => ({
      id: deps.ids.next(),
      teamId,
      email,
      role: input.role,
      invitedBy: actor.userId,
      inviteeId: invitee?.id ?? null,
      tokenHash: deps.secrets.hash(token),
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: invitationExpiry(now),
    });
    return pipe(
      authorize(deps)(actor, teamId, 'team.members.manage'),
      TE.chain((granter) => authorizeGrant(granter, input.role)),
      TE.chain(() => inviteeNotYetMember(deps, teamId, email)),
      TE.chainFirst(() => spendInvitation(deps)(actor)),
      TE.chain((invitee) =>
        pipe(
          TE.Do,
          TE.apS('team', pipe(deps.teams.findById(teamId), TE.chain(found<Team>('Team')))),
          TE.apS('inviter', pipe(deps.users.findById(actor.userId), TE.chain(found<User>('User')))),
          TE.apS('stored', deps.invitations.upsertPending(invitationFor(invitee))),
          TE.chainFirst(({ team, inviter, stored }) => notifyInvitee(deps, invitee, stored, team, inviter)),
        ),
      ),
      TE.chainFirst(({ team, inviter, stored }) =>
        deps.mailer.send(invitationMail(stored, team, inviter, acceptLink(deps.settings.publicUrl, token))),
      ),
      TE.chain(({ stored }) => invitationViews(deps)([stored])),
      TE.map(([view]) => view!),
    );
  };
