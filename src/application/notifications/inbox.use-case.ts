import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../api';
import type { AppDeps } from '../deps';

export const DEFAULT_INBOX_LIMIT = 30;
export const MAX_INBOX_LIMIT = 100;

/** A page of the caller's inbox; the store lists only teams the caller is still in (and invitations). */
export const listNotifications =
  (deps: AppDeps): Application['notifications']['list'] =>
  (actor, page) =>
    deps.notifications.list(actor.userId, {
      limit: Math.min(MAX_INBOX_LIMIT, Math.max(1, page.limit ?? DEFAULT_INBOX_LIMIT)),
      ...(page.cursor !== undefined && { cursor: page.cursor }),
    });

/**
 * Marks the caller's notifications read; ids of other people's notifications change nothing. Every tab
 * of the caller, on any instance, hears it over the control bus (as new notifications do), so their
 * unread counts drop without a reload.
 */
export const markNotificationsRead =
  (deps: AppDeps): Application['notifications']['markRead'] =>
  (actor, which) =>
    pipe(
      deps.notifications.markRead(actor.userId, which, deps.clock.now()),
      TE.chainFirstTaskK((unread) =>
        deps.control.publish({ type: 'notifications.read', userId: actor.userId, read: which, unread }),
      ),
    );
