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
import { created, noContent, ok, route, type Reply } from '../handle';
import { mutationRoute, opRoute, queryRoute } from '../mutation-route';
import { actorOf } from '../middleware/auth';
import { preparedBody } from '../shared-body';
import { concurrencyLimit, type ConcurrencyLimit } from '../middleware/concurrency';

/** Exports per instance: a few at once, a few more waiting (each holds a whole board while it streams). */
export const DEFAULT_EXPORT_LIMIT: ConcurrencyLimit = { running: 4, waiting: 16 };

/** A team's boards: create, list, snapshot, rename/archive, delete, archived items, activity feed, event log and export. */
export const boardsRouter = (application: Application, exportLimit = DEFAULT_EXPORT_LIMIT): Router => {
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
        TE.chain((p) => boards.getShared(actorOf(res), p.teamId, p.boardId)),
        TE.map((shared): Reply => ({ status: 200, prepared: preparedBody(shared, shared.json) })),
      ),
    ),
  );

  router.get(
    '/:boardId/archive',
    route((req, res) =>
      pipe(
        decodeTE(BoardParams, 'params', req.params),
        TE.chain((p) => boards.archive(actorOf(res), p.teamId, p.boardId)),
        TE.map((archive) => ok(archive)),
      ),
    ),
  );

  router.patch(
    '/:boardId',
    opRoute(
      application,
      BoardParams,
      UpdateBoardBody,
      (_p, body) => ({ kind: 'board.update', ...body }),
      (m) => ok({ board: m.value, seq: m.seq }),
    ),
  );

  router.delete(
    '/:boardId',
    route((req, res) =>
      pipe(
        decodeTE(BoardParams, 'params', req.params),
        TE.chain((p) => boards.delete(actorOf(res), p.teamId, p.boardId)),
        TE.map(() => noContent),
      ),
    ),
  );

  router.get(
    '/:boardId/activity',
    queryRoute(
      BoardParams,
      ActivityQuery,
      ({ actor, p, q }) =>
        boards.activity(actor, p.teamId, p.boardId, {
          limit: q.limit ?? 50,
          ...(q.before !== undefined && { before: q.before }),
        }),
      ok,
    ),
  );

  router.get(
    '/:boardId/events',
    queryRoute(
      BoardParams,
      EventsQuery,
      ({ actor, p, q }) => boards.events(actor, p.teamId, p.boardId, { after: q.after ?? 0, limit: q.limit ?? 500 }),
      ok,
    ),
  );

  router.get(
    '/:boardId/export',
    concurrencyLimit(
      exportLimit,
      'export_busy',
      'Too many exports are running on this server; try again in a few seconds',
    ),
    queryRoute(
      BoardParams,
      ExportQuery,
      ({ actor, p, q }) => boards.export(actor, p.teamId, p.boardId, q.format ?? 'json'),
      (file) => ({ status: 200, file }),
    ),
  );

  return router;
};
