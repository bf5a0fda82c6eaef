import type { Application } from '../api';
import type { AppDeps } from '../deps';
import { endAllSessions } from '../session';

/**
 * "Sign out everywhere": every session of the caller ends, this one included — refresh families
 * revoked, access tokens issued so far refused, sockets closed on every instance.
 */
export const signOutEverywhere =
  (deps: AppDeps): Application['auth']['signOutEverywhere'] =>
  (actor) =>
    endAllSessions(deps)(actor.userId);
