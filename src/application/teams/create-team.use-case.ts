import type { Team } from '../../domain';
import type { Application } from '../api';
import type { AppDeps } from '../deps';

/** Creates a team with the caller as its owner. */
export const createTeam =
  (deps: AppDeps): Application['teams']['create'] =>
  (actor, input) => {
    const at = deps.clock.now().toISOString();
    const team: Team = { id: deps.ids.next(), name: input.name, createdAt: at, createdBy: actor.userId };
    return deps.teams.create(team, { teamId: team.id, userId: actor.userId, role: 'owner', addedAt: at });
  };
