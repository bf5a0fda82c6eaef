import { Router } from 'express';
import * as t from 'io-ts';
import type { Application } from '../../../application/api';
import type { NotificationPage } from '../../../application/ports';
import { BoardParams, CardParams, NotificationsQuery, ReadNotificationsBody } from '../codecs';
import { noContent, ok } from '../handle';
import { mutationRoute, queryRoute } from '../mutation-route';

const NoParams = t.type({});
const pageBody = (page: NotificationPage) => ({
  notifications: page.notifications,
  unread: page.unread,
  nextCursor: page.nextCursor,
});

/** GET /api/me/notifications and POST /api/me/notifications/read: the caller's inbox. */
export const notificationsRouter = (application: Application): Router => {
  const router = Router();
  router.get(
    '/',
    queryRoute(
      NoParams,
      NotificationsQuery,
      ({ actor, q }) => application.notifications.list(actor, q),
      (page) => ok(pageBody(page)),
    ),
  );
  router.post(
    '/read',
    mutationRoute(
      NoParams,
      ReadNotificationsBody,
      ({ actor, body }) => application.notifications.markRead(actor, body),
      (unread) => ok({ unread }),
    ),
  );
  return router;
};

/** PUT|DELETE|GET …/boards/:boardId/watch and PUT|DELETE …/cards/:cardId/watch: the caller's watches. */
export const watchRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  router.get(
    '/watch',
    queryRoute(
      BoardParams,
      t.type({}),
      ({ actor, p }) => application.watches.mine(actor, p.teamId, p.boardId),
      (watches) => ok({ board: watches.board, cards: watches.cards }),
    ),
  );
  for (const [method, run] of [
    ['put', application.watches.watch],
    ['delete', application.watches.unwatch],
  ] as const) {
    router[method](
      '/watch',
      mutationRoute(
        BoardParams,
        null,
        ({ actor, p }) => run(actor, { teamId: p.teamId, boardId: p.boardId, cardId: null }),
        () => noContent,
      ),
    );
    router[method](
      '/cards/:cardId/watch',
      mutationRoute(
        CardParams,
        null,
        ({ actor, p }) => run(actor, { teamId: p.teamId, boardId: p.boardId, cardId: p.cardId }),
        () => noContent,
      ),
    );
  }
  return router;
};
