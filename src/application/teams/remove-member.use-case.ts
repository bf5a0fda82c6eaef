import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { changeMembership } from './membership-change';
import { unassignEverywhere } from './unassign-everywhere';

/**
 * Removes a member. Removing someone else takes the right to grant their role; the last owner cannot
 * go, so a team is never left without one, even when two owners remove each other at the same moment.
 */
export const removeMember =
  (deps: AppDeps): Application['teams']['removeMember'] =>
  (actor, teamId, userId) =>
    pipe(
      changeMembership(deps)(actor, teamId, userId, { kind: 'remove' }),
      TE.chainFirstTaskK(() => unassignEverywhere(deps)(actor.userId, teamId, userId)),
      TE.map(() => undefined),
    );

/** The caller leaves the team; the last owner must hand ownership on first. */
export const leaveTeam =
  (deps: AppDeps): Application['teams']['leave'] =>
  (actor, teamId) =>
    removeMember(deps)(actor, teamId, actor.userId);
