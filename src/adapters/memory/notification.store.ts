import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { NotificationPage, NotificationStore, RecordedNotification } from '../../application/ports';
import { validation, type Notification, type TeamId, type UserId } from '../../domain';

interface Stored {
  readonly n: number;
  notification: Notification;
}

/**
 * Inboxes in memory, behaving like the catalog table: one notification per (person, key), newest first
 * by the order they were stored, only teams the person is still in listed and counted (invitations are
 * listed whatever the membership: they are about a team the person is not in yet).
 */
export class MemoryNotificationStore implements NotificationStore {
  private readonly byUser = new Map<UserId, Stored[]>();
  private counter = 0;

  constructor(private readonly isMember: (teamId: TeamId, userId: UserId) => boolean) {}

  readonly record: NotificationStore['record'] = (items) => async () =>
    E.right(
      items.map((item): RecordedNotification => {
        const inbox = this.byUser.get(item.userId) ?? [];
        const found = inbox.find((s) => s.notification.key === item.key);
        if (found) return { notification: found.notification, created: false };
        const notification: Notification = { ...item, id: randomUUID(), readAt: null };
        this.byUser.set(item.userId, [...inbox, { n: ++this.counter, notification }]);
        return { notification, created: true };
      }),
    );

  readonly list: NotificationStore['list'] = (userId, page) => async () => {
    if (page.cursor !== undefined && !/^\d{1,15}$/.test(page.cursor))
      return E.left(validation('Invalid cursor', 'invalid_cursor'));
    const before = page.cursor === undefined ? Infinity : Number(page.cursor);
    const visible = this.visible(userId).sort((a, b) => b.n - a.n);
    const rest = visible.filter((s) => s.n < before);
    const shown = rest.slice(0, page.limit);
    const last = shown[shown.length - 1];
    const result: NotificationPage = {
      notifications: shown.map((s) => s.notification),
      unread: this.unread(userId),
      nextCursor: rest.length > shown.length && last ? String(last.n) : null,
    };
    return E.right(result);
  };

  readonly markRead: NotificationStore['markRead'] = (userId, which, at) => async () => {
    const ids = 'ids' in which ? new Set(which.ids) : null;
    for (const s of this.byUser.get(userId) ?? []) {
      const chosen = ids === null || ids.has(s.notification.id);
      if (chosen && s.notification.readAt === null) s.notification = { ...s.notification, readAt: at.toISOString() };
    }
    return E.right(this.unread(userId));
  };

  readonly markReadByKey: NotificationStore['markReadByKey'] = (userId, key, at) => async () => {
    const ids: string[] = [];
    for (const s of this.byUser.get(userId) ?? []) {
      if (s.notification.key !== key || s.notification.readAt !== null) continue;
      s.notification = { ...s.notification, readAt: at.toISOString() };
      ids.push(s.notification.id);
    }
    return E.right({ ids, unread: this.unread(userId) });
  };

  private visible(userId: UserId): Stored[] {
    return (this.byUser.get(userId) ?? []).filter(
      (s) => s.notification.kind === 'invited' || this.isMember(s.notification.teamId, userId),
    );
  }

  private unread(userId: UserId): number {
    return this.visible(userId).filter((s) => s.notification.readAt === null).length;
  }
}
