import { Router } from 'express';
import type { Application } from '../../../application/api';
import { BoardParams, CardParams, CreateCardBody, MoveCardBody, UpdateCardBody } from '../codecs';
import { created, ok } from '../handle';
import { opRoute } from '../mutation-route';

/** The cards of one board: create, edit/archive, move between lists, delete — each one `BoardOp`. */
export const cardsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });

  router.post(
    '/',
    opRoute(
      application,
      BoardParams,
      CreateCardBody,
      (_p, body) => ({ kind: 'card.create', ...body }),
      (m) => created({ card: m.value, seq: m.seq }),
    ),
  );

  router.patch(
    '/:cardId',
    opRoute(
      application,
      CardParams,
      UpdateCardBody,
      (p, body) => ({ kind: 'card.update', cardId: p.cardId, ...body }),
      (m) => ok({ card: m.value, seq: m.seq }),
    ),
  );

  router.post(
    '/:cardId/move',
    opRoute(
      application,
      CardParams,
      MoveCardBody,
      (p, body) => ({ kind: 'card.move', cardId: p.cardId, ...body }),
      (m) => ok({ card: m.value, seq: m.seq }),
    ),
  );

  router.delete(
    '/:cardId',
    opRoute(
      application,
      CardParams,
      null,
      (p) => ({ kind: 'card.delete', cardId: p.cardId }),
      (m) => ok({ deleted: m.value.id, seq: m.seq }),
    ),
  );

  return router;
};
