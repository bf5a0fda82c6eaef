import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as T from 'fp-ts/Task';
import type { AppError, UserId } from '../../domain';
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

/**
 * Marks the person's notification about `key` read because what it asked for was done elsewhere (an
 * invitation answered), and tells their tabs as a read in the inbox does. Nothing unread: nothing said.
 */
export const markReadAbout =
  (deps: Pick<AppDeps, 'notifications' | 'control' | 'clock'>) =>
  (userId: UserId, key: string): TE.TaskEither<AppError, void> =>
    pipe(
      deps.notifications.markReadByKey(userId, key, deps.clock.now()),
      TE.chainTaskK(({ ids, unread }) =>
        ids.length === 0
          ? T.of(undefined)
          : deps.control.publish({ type: 'notifications.read', userId, read: { ids }, unread }),
      ),
    );
