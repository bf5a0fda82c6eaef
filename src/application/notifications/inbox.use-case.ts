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

/** Marks the caller's notifications read; ids of other people's notifications change nothing. */
export const markNotificationsRead =
  (deps: AppDeps): Application['notifications']['markRead'] =>
  (actor, which) =>
    deps.notifications.markRead(actor.userId, which, deps.clock.now());
