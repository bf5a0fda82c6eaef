import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { AddMemberBody, CreateTeamBody, MemberParams, TeamParams } from '../codecs';
import { decodeTE } from '../decode';
import { created, noContent, ok, route } from '../handle';
import { actorOf } from '../middleware/auth';
import { teamWithRole } from './me';

/** Teams and their members. */
export const teamsRouter = (application: Application): Router => {
  const router = Router();

  router.post(
    '/',
    route((req, res) =>
      pipe(
        decodeTE(CreateTeamBody, 'body', req.body ?? {}),
        TE.chain((body) => application.teams.create(actorOf(res), body)),
        TE.map((team) => created({ team })),
      ),
    ),
  );

  router.get(
    '/',
    route((_req, res) =>
      pipe(
        application.teams.list(actorOf(res)),
        TE.map((teams) => ok({ teams: teams.map(teamWithRole) })),
      ),
    ),
  );

  router.post(
    '/:teamId/members',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('params', decodeTE(TeamParams, 'params', req.params)),
        TE.apS('body', decodeTE(AddMemberBody, 'body', req.body ?? {})),
        TE.chain(({ params, body }) => application.teams.addMember(actorOf(res), params.teamId, body)),
        TE.map((member) => created({ member })),
      ),
    ),
  );

  router.get(
    '/:teamId/members',
    route((req, res) =>
      pipe(
        decodeTE(TeamParams, 'params', req.params),
        TE.chain((params) => application.teams.listMembers(actorOf(res), params.teamId)),
        TE.map((members) => ok({ members })),
      ),
    ),
  );

  router.delete(
    '/:teamId/members/:userId',
    route((req, res) =>
      pipe(
        decodeTE(MemberParams, 'params', req.params),
        TE.chain((params) => application.teams.removeMember(actorOf(res), params.teamId, params.userId)),
        TE.map(() => noContent),
      ),
    ),
  );

  return router;
};
