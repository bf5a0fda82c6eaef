import { Router } from 'express';
import type { Application } from '../../../application/api';
import { BoardParams, CardParams, CreateCardBody, MoveCardBody, UpdateCardBody, position } from '../codecs';
import { created, ok } from '../handle';
import { mutationRoute } from '../mutation-route';

/** The cards of one board: create, edit/archive, move between lists, delete. */
export const cardsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const cards = application.cards;

  router.post(
    '/',
    mutationRoute(
      BoardParams,
      CreateCardBody,
      ({ actor, p, body: { afterCardId, beforeCardId, ...fields }, origin }) =>
        cards.create(actor, p.teamId, p.boardId, { ...fields, position: position(afterCardId, beforeCardId) }, origin),
      (m) => created({ card: m.value, seq: m.seq }),
    ),
  );

  router.patch(
    '/:cardId',
    mutationRoute(
      CardParams,
      UpdateCardBody,
      ({ actor, p, body, origin }) => cards.update(actor, p.teamId, p.boardId, p.cardId, body, origin),
      (m) => ok({ card: m.value, seq: m.seq }),
    ),
  );

  router.post(
    '/:cardId/move',
    mutationRoute(
      CardParams,
      MoveCardBody,
      ({ actor, p, body, origin }) =>
        cards.move(
          actor,
          p.teamId,
          p.boardId,
          p.cardId,
          { toListId: body.toListId, position: position(body.afterCardId, body.beforeCardId) },
          origin,
        ),
      (m) => ok({ card: m.value, seq: m.seq }),
    ),
  );

  router.delete(
    '/:cardId',
    mutationRoute(
      CardParams,
      null,
      ({ actor, p, origin }) => cards.delete(actor, p.teamId, p.boardId, p.cardId, origin),
      (m) => ok({ deleted: m.value.id, seq: m.seq }),
    ),
  );

  return router;
};
