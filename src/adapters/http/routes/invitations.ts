import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { decodeTE } from '../decode';
import { noContent, ok, route } from '../handle';
import { actorOf } from '../middleware/auth';
import { AcceptInvitationBody, MyInvitationParams } from '../team-codecs';

/** `/api/me/invitations`: the invitations addressed to the signed-in user, to accept or decline. */
export const myInvitationsRouter = (application: Application): Router => {
  const router = Router();

  router.get(
    '/',
    route((_req, res) =>
      pipe(
        application.invitations.listMine(actorOf(res)),
        TE.map((invitations) => ok({ invitations })),
      ),
    ),
  );

  router.post(
    '/:invitationId/accept',
    route((req, res) =>
      pipe(
        decodeTE(MyInvitationParams, 'params', req.params),
        TE.chain((p) => application.invitations.accept(actorOf(res), p.invitationId)),
        TE.map((team) => ok({ team })),
      ),
    ),
  );

  router.post(
    '/:invitationId/decline',
    route((req, res) =>
      pipe(
        decodeTE(MyInvitationParams, 'params', req.params),
        TE.chain((p) => application.invitations.decline(actorOf(res), p.invitationId)),
        TE.map(() => noContent),
      ),
    ),
  );

  return router;
};

/** `/api/invitations/accept`: the e-mailed link's token, presented by the signed-in invitee. */
export const invitationLinkRouter = (application: Application): Router => {
  const router = Router();

  router.post(
    '/accept',
    route((req, res) =>
      pipe(
        decodeTE(AcceptInvitationBody, 'body', req.body ?? {}),
        TE.chain((body) => application.invitations.acceptByToken(actorOf(res), body.token)),
        TE.map((team) => ok({ team })),
      ),
    ),
  );

  return router;
};
