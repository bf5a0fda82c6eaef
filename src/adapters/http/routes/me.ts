import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import type { TeamMembership } from '../../../application/ports';
import { ChangePasswordBody, DeleteMeBody, SettingsBody, UpdateMeBody } from '../codecs';
import { decodeTE } from '../decode';
import { ok, route } from '../handle';
import { actorOf } from '../middleware/auth';
import { clearRefreshCookie, sessionReply } from './auth';

/** A team as its member sees it in a list: the team's fields plus the member's role. */
export const teamWithRole = (m: TeamMembership) => ({ ...m.team, role: m.role });

export interface MeRouteOptions {
  /** Marks the refresh cookie `Secure` (set behind HTTPS). */
  readonly cookieSecure: boolean;
}

/** The signed-in user: profile, notification settings, password and the account itself. */
export const meRouter = (application: Application, options: MeRouteOptions): Router => {
  const router = Router();
  const secure = options.cookieSecure;

  router.get(
    '/',
    route((_req, res) =>
      pipe(
        application.auth.me(actorOf(res)),
        TE.map(({ user, teams }) => ok({ user, teams: teams.map(teamWithRole) })),
      ),
    ),
  );

  router.patch(
    '/',
    route((req, res) =>
      pipe(
        decodeTE(UpdateMeBody, 'body', req.body ?? {}),
        TE.chain((input) => application.account.updateProfile(actorOf(res), input)),
        TE.map((user) => ok({ user })),
      ),
    ),
  );

  router.delete(
    '/',
    route((req, res) =>
      pipe(
        decodeTE(DeleteMeBody, 'body', req.body ?? {}),
        TE.chain((input) => application.account.delete(actorOf(res), input)),
        TE.map(() => ({ status: 204, cookies: clearRefreshCookie(secure) })),
      ),
    ),
  );

  router.patch(
    '/settings',
    route((req, res) =>
      pipe(
        decodeTE(SettingsBody, 'body', req.body ?? {}),
        TE.chain((patch) => application.auth.updateSettings(actorOf(res), patch)),
        TE.map((user) => ok({ user })),
      ),
    ),
  );

  // Every session ends with the old password; the caller gets a fresh one (body and cookie, as at login).
  router.post(
    '/password',
    route((req, res) =>
      pipe(
        decodeTE(ChangePasswordBody, 'body', req.body ?? {}),
        TE.chain((input) => application.auth.changePassword(actorOf(res), input)),
        TE.map((session) => sessionReply(200, session, secure)),
      ),
    ),
  );

  return router;
};
