import type { Application } from '../api';
import type { AppDeps } from '../deps';

/** How many teams one page holds unless the caller asks for fewer. */
export const DEFAULT_TEAMS_PAGE = 50;
/** The most teams one answer lists, so no answer grows with the number of teams someone is in. */
export const MAX_TEAMS_PAGE = 100;

/** A page of the caller's teams with their role in each, oldest first. */
export const listTeams =
  (deps: AppDeps): Application['teams']['list'] =>
  (actor, page) =>
    deps.teams.listForUser(actor.userId, { ...page, limit: Math.min(Math.max(page.limit, 1), MAX_TEAMS_PAGE) });
