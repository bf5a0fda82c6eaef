import { Router } from 'express';
import type { Application } from '../../../application/api';
import { BoardParams, CreateListBody, ListParams, MoveListBody, UpdateListBody } from '../codecs';
import { created, ok } from '../handle';
import { opRoute } from '../mutation-route';

/** The lists of one board: create, rename/archive, reorder, delete (with their cards) — each one `BoardOp`. */
export const listsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });

  router.post(
    '/',
    opRoute(
      application,
      BoardParams,
      CreateListBody,
      (_p, body) => ({ kind: 'list.create', ...body }),
      (m) => created({ list: m.value, seq: m.seq }),
    ),
  );

  router.patch(
    '/:listId',
    opRoute(
      application,
      ListParams,
      UpdateListBody,
      (p, body) => ({ kind: 'list.update', listId: p.listId, ...body }),
      (m) => ok({ list: m.value, seq: m.seq }),
    ),
  );

  router.post(
    '/:listId/move',
    opRoute(
      application,
      ListParams,
      MoveListBody,
      (p, body) => ({ kind: 'list.move', listId: p.listId, ...body }),
      (m) => ok({ list: m.value, seq: m.seq }),
    ),
  );

  router.delete(
    '/:listId',
    opRoute(
      application,
      ListParams,
      null,
      (p) => ({ kind: 'list.delete', listId: p.listId }),
      (m) => ok({ deleted: m.value.id, seq: m.seq }),
    ),
  );

  return router;
};
