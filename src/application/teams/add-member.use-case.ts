import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { normalizeEmail, notFound, type AppError } from '../../domain';
import type { Application } from '../api';
import { authorize, authorizeGrant } from '../authorization';
import type { AppDeps } from '../deps';
import type { Credentials } from '../ports';
import { memberView } from './member-view';

/** Adds a registered user to the team; admins grant up to admin, only owners make owners. */
export const addMember =
  (deps: AppDeps): Application['teams']['addMember'] =>
  (actor, teamId, input) =>
    pipe(
      authorize(deps)(actor, teamId, 'team.members.manage'),
      TE.chain((granter) => authorizeGrant(granter, input.role)),
      TE.chain(() => deps.users.findByEmail(normalizeEmail(input.email))),
      TE.chain(O.fold(() => TE.left<AppError, Credentials>(notFound('User', 'user_not_found')), TE.right)),
      TE.chain(({ user }) =>
        pipe(
          deps.teams.addMember({ teamId, userId: user.id, role: input.role, addedAt: deps.clock.now().toISOString() }),
          TE.map((member) => memberView(member, user)),
        ),
      ),
    );
