import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import {
  ActivityQuery,
  BoardParams,
  CreateBoardBody,
  EventsQuery,
  ExportQuery,
  TeamParams,
  UpdateBoardBody,
} from '../codecs';
import { decodeTE } from '../decode';
import { created, ok, route } from '../handle';
import { mutationRoute } from '../mutation-route';
import { actorOf } from '../middleware/auth';

/** A team's boards: create, list, snapshot, rename/archive, activity feed, event log and export. */
export const boardsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const boards = application.boards;

  router.get(
    '/',
    route((req, res) =>
      pipe(
        decodeTE(TeamParams, 'params', req.params),
        TE.chain((p) => boards.list(actorOf(res), p.teamId)),
        TE.map((list) => ok({ boards: list })),
      ),
    ),
  );

  router.post(
    '/',
    mutationRoute(
      TeamParams,
      CreateBoardBody,
      ({ actor, p, body, origin }) => boards.create(actor, p.teamId, body, origin),
      (m) => created({ board: m.value, seq: m.seq }),
    ),
  );

  router.get(
    '/:boardId',
    route((req, res) =>
      pipe(
        decodeTE(BoardParams, 'params', req.params),
        TE.chain((p) => boards.get(actorOf(res), p.teamId, p.boardId)),
        TE.map((snapshot) => ok(snapshot)),
      ),
    ),
  );

  router.patch(
    '/:boardId',
    mutationRoute(
      BoardParams,
      UpdateBoardBody,
      ({ actor, p, body, origin }) => boards.update(actor, p.teamId, p.boardId, body, origin),
      (m) => ok({ board: m.value, seq: m.seq }),
    ),
  );

  router.get(
    '/:boardId/activity',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(BoardParams, 'params', req.params)),
        TE.apS('q', decodeTE(ActivityQuery, 'query', req.query)),
        TE.chain(({ p, q }) =>
          boards.activity(actorOf(res), p.teamId, p.boardId, {
            limit: q.limit ?? 50,
            ...(q.before !== undefined && { before: q.before }),
          }),
        ),
        TE.map((page) => ok(page)),
      ),
    ),
  );

  router.get(
    '/:boardId/events',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(BoardParams, 'params', req.params)),
        TE.apS('q', decodeTE(EventsQuery, 'query', req.query)),
        TE.chain(({ p, q }) =>
          boards.events(actorOf(res), p.teamId, p.boardId, { after: q.after ?? 0, limit: q.limit ?? 500 }),
        ),
        TE.map((page) => ok(page)),
      ),
    ),
  );

  router.get(
    '/:boardId/export',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(BoardParams, 'params', req.params)),
        TE.apS('q', decodeTE(ExportQuery, 'query', req.query)),
        TE.chain(({ p, q }) => boards.export(actorOf(res), p.teamId, p.boardId, q.format ?? 'json')),
        TE.map((file) => ({ status: 200, file })),
      ),
    ),
  );

  return router;
};
