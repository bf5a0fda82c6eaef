import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { CardParams, CreateCommentBody } from '../codecs';
import { decodeTE } from '../decode';
import { created, ok, route } from '../handle';
import { opRoute } from '../mutation-route';
import { actorOf } from '../middleware/auth';

/** The comments on one card. */
export const commentsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const comments = application.comments;

  router.get(
    '/',
    route((req, res) =>
      pipe(
        decodeTE(CardParams, 'params', req.params),
        TE.chain((p) => comments.list(actorOf(res), p.teamId, p.boardId, p.cardId)),
        TE.map((list) => ok({ comments: list })),
      ),
    ),
  );

  router.post(
    '/',
    opRoute(
      application,
      CardParams,
      CreateCommentBody,
      (p, body) => ({ kind: 'comment.create', cardId: p.cardId, ...body }),
      (m) => created({ comment: m.value, seq: m.seq }),
    ),
  );

  return router;
};
