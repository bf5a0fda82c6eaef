import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { DEFAULT_TEAMS_PAGE } from '../../../application/teams/list-teams.use-case';
import { AddMemberBody, CreateTeamBody, MemberParams, TeamParams } from '../codecs';
import { decodeTE } from '../decode';
import { created, noContent, ok, route } from '../handle';
import { actorOf } from '../middleware/auth';
import { queryRoute } from '../mutation-route';
import { ChangeRoleBody, encodeTeamCursor, InvitationParams, NoParams, TeamsQuery } from '../team-codecs';
import { teamWithRole } from './me';

/** Teams, their members and the invitations that make new members. */
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
    queryRoute(
      NoParams,
      TeamsQuery,
      ({ actor, q }) =>
        application.teams.list(actor, { limit: q.limit ?? DEFAULT_TEAMS_PAGE, ...(q.cursor && { after: q.cursor }) }),
      (page) => ok({ teams: page.teams.map(teamWithRole), nextCursor: page.next ? encodeTeamCursor(page.next) : null }),
    ),
  );

  // Membership needs consent: "adding" a member invites them, exactly as POST …/invitations does.
  const invite = route((req, res) =>
    pipe(
      TE.Do,
      TE.apS('params', decodeTE(TeamParams, 'params', req.params)),
      TE.apS('body', decodeTE(AddMemberBody, 'body', req.body ?? {})),
      TE.chain(({ params, body }) => application.invitations.invite(actorOf(res), params.teamId, body)),
      TE.map((invitation) => created({ invitation })),
    ),
  );
  router.post('/:teamId/invitations', invite);
  router.post('/:teamId/members', invite);

  router.get(
    '/:teamId/invitations',
    route((req, res) =>
      pipe(
        decodeTE(TeamParams, 'params', req.params),
        TE.chain((params) => application.invitations.listForTeam(actorOf(res), params.teamId)),
        TE.map((invitations) => ok({ invitations })),
      ),
    ),
  );

  router.delete(
    '/:teamId/invitations/:invitationId',
    route((req, res) =>
      pipe(
        decodeTE(InvitationParams, 'params', req.params),
        TE.chain((p) => application.invitations.revoke(actorOf(res), p.teamId, p.invitationId)),
        TE.map(() => noContent),
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

  router.patch(
    '/:teamId/members/:userId',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(MemberParams, 'params', req.params)),
        TE.apS('body', decodeTE(ChangeRoleBody, 'body', req.body ?? {})),
        TE.chain(({ p, body }) => application.teams.changeRole(actorOf(res), p.teamId, p.userId, body.role)),
        TE.map((member) => ok({ member })),
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

  router.post(
    '/:teamId/leave',
    route((req, res) =>
      pipe(
        decodeTE(TeamParams, 'params', req.params),
        TE.chain((params) => application.teams.leave(actorOf(res), params.teamId)),
        TE.map(() => noContent),
      ),
    ),
  );

  return router;
};
