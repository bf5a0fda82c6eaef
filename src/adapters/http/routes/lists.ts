import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { BoardParams, CreateListBody, ListParams, MoveListBody, UpdateListBody, position } from '../codecs';
import { decodeTE } from '../decode';
import { created, ok, route } from '../handle';
import { actorOf, originOf } from '../middleware/auth';

/** The lists of one board: create, rename/archive, reorder, delete (with their cards). */
export const listsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const lists = application.lists;

  router.post(
    '/',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(BoardParams, 'params', req.params)),
        TE.apS('body', decodeTE(CreateListBody, 'body', req.body ?? {})),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, body, origin }) =>
          lists.create(
            actorOf(res),
            p.teamId,
            p.boardId,
            { title: body.title, id: body.id, position: position(body.afterListId, body.beforeListId) },
            origin,
          ),
        ),
        TE.map((m) => created({ list: m.value, seq: m.seq })),
      ),
    ),
  );

  router.patch(
    '/:listId',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(ListParams, 'params', req.params)),
        TE.apS('body', decodeTE(UpdateListBody, 'body', req.body ?? {})),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, body, origin }) => lists.update(actorOf(res), p.teamId, p.boardId, p.listId, body, origin)),
        TE.map((m) => ok({ list: m.value, seq: m.seq })),
      ),
    ),
  );

  router.post(
    '/:listId/move',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(ListParams, 'params', req.params)),
        TE.apS('body', decodeTE(MoveListBody, 'body', req.body ?? {})),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, body, origin }) =>
          lists.move(
            actorOf(res),
            p.teamId,
            p.boardId,
            p.listId,
            position(body.afterListId, body.beforeListId),
            origin,
          ),
        ),
        TE.map((m) => ok({ list: m.value, seq: m.seq })),
      ),
    ),
  );

  router.delete(
    '/:listId',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(ListParams, 'params', req.params)),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, origin }) => lists.delete(actorOf(res), p.teamId, p.boardId, p.listId, origin)),
        TE.map((m) => ok({ deleted: m.value.id, seq: m.seq })),
      ),
    ),
  );

  return router;
};
