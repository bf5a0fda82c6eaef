import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { BoardParams, CardParams, CreateCardBody, MoveCardBody, UpdateCardBody, position } from '../codecs';
import { decodeTE } from '../decode';
import { created, ok, route } from '../handle';
import { actorOf, originOf } from '../middleware/auth';

/** The cards of one board: create, edit/archive, move between lists, delete. */
export const cardsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const cards = application.cards;

  router.post(
    '/',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(BoardParams, 'params', req.params)),
        TE.apS('body', decodeTE(CreateCardBody, 'body', req.body ?? {})),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, body, origin }) => {
          const { afterCardId, beforeCardId, ...fields } = body;
          const input = { ...fields, position: position(afterCardId, beforeCardId) };
          return cards.create(actorOf(res), p.teamId, p.boardId, input, origin);
        }),
        TE.map((m) => created({ card: m.value, seq: m.seq })),
      ),
    ),
  );

  router.patch(
    '/:cardId',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(CardParams, 'params', req.params)),
        TE.apS('body', decodeTE(UpdateCardBody, 'body', req.body ?? {})),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, body, origin }) => cards.update(actorOf(res), p.teamId, p.boardId, p.cardId, body, origin)),
        TE.map((m) => ok({ card: m.value, seq: m.seq })),
      ),
    ),
  );

  router.post(
    '/:cardId/move',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(CardParams, 'params', req.params)),
        TE.apS('body', decodeTE(MoveCardBody, 'body', req.body ?? {})),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, body, origin }) =>
          cards.move(
            actorOf(res),
            p.teamId,
            p.boardId,
            p.cardId,
            { toListId: body.toListId, position: position(body.afterCardId, body.beforeCardId) },
            origin,
          ),
        ),
        TE.map((m) => ok({ card: m.value, seq: m.seq })),
      ),
    ),
  );

  router.delete(
    '/:cardId',
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(CardParams, 'params', req.params)),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, origin }) => cards.delete(actorOf(res), p.teamId, p.boardId, p.cardId, origin)),
        TE.map((m) => ok({ deleted: m.value.id, seq: m.seq })),
      ),
    ),
  );

  return router;
};
