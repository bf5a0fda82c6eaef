import type { Application } from '../api';
import type { AppDeps } from '../deps';

/** The caller's teams with their role in each. */
export const listTeams =
  (deps: AppDeps): Application['teams']['list'] =>
  (actor) =>
    deps.teams.listForUser(actor.userId);
