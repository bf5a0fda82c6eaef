import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import type { TeamMembership } from '../../../application/ports';
import { ChangePasswordBody, SettingsBody } from '../codecs';
import { decodeTE } from '../decode';
import { noContent, ok, route } from '../handle';
import { actorOf } from '../middleware/auth';

/** A team as its member sees it in a list: the team's fields plus the member's role. */
export const teamWithRole = (m: TeamMembership) => ({ ...m.team, role: m.role });

/** The signed-in user: profile, notification settings and password. */
export const meRouter = (application: Application): Router => {
  const router = Router();

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
    '/settings',
    route((req, res) =>
      pipe(
        decodeTE(SettingsBody, 'body', req.body ?? {}),
        TE.chain((patch) => application.auth.updateSettings(actorOf(res), patch)),
        TE.map((user) => ok({ user })),
      ),
    ),
  );

  router.post(
    '/password',
    route((req, res) =>
      pipe(
        decodeTE(ChangePasswordBody, 'body', req.body ?? {}),
        TE.chain((input) => application.auth.changePassword(actorOf(res), input)),
        TE.map(() => noContent),
      ),
    ),
  );

  return router;
};
