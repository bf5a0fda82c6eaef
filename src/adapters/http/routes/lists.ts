import { Router } from 'express';
import type { Application } from '../../../application/api';
import { BoardParams, CreateListBody, ListParams, MoveListBody, UpdateListBody, position } from '../codecs';
import { created, ok } from '../handle';
import { mutationRoute } from '../mutation-route';

/** The lists of one board: create, rename/archive, reorder, delete (with their cards). */
export const listsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const lists = application.lists;

  router.post(
    '/',
    mutationRoute(
      BoardParams,
      CreateListBody,
      ({ actor, p, body, origin }) =>
        lists.create(
          actor,
          p.teamId,
          p.boardId,
          { title: body.title, id: body.id, position: position(body.afterListId, body.beforeListId) },
          origin,
        ),
      (m) => created({ list: m.value, seq: m.seq }),
    ),
  );

  router.patch(
    '/:listId',
    mutationRoute(
      ListParams,
      UpdateListBody,
      ({ actor, p, body, origin }) => lists.update(actor, p.teamId, p.boardId, p.listId, body, origin),
      (m) => ok({ list: m.value, seq: m.seq }),
    ),
  );

  router.post(
    '/:listId/move',
    mutationRoute(
      ListParams,
      MoveListBody,
      ({ actor, p, body, origin }) =>
        lists.move(actor, p.teamId, p.boardId, p.listId, position(body.afterListId, body.beforeListId), origin),
      (m) => ok({ list: m.value, seq: m.seq }),
    ),
  );

  router.delete(
    '/:listId',
    mutationRoute(
      ListParams,
      null,
      ({ actor, p, origin }) => lists.delete(actor, p.teamId, p.boardId, p.listId, origin),
      (m) => ok({ deleted: m.value.id, seq: m.seq }),
    ),
  );

  return router;
};
