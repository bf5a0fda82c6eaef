import { nextLocalBoundary, type Notification, type NotificationSettings } from '../../../domain';

/**
 * Which message a notification goes out in and when that message is due at the earliest. 'immediately':
 * one message per person and card, `windowMs` after its first notification (so a burst of comments is one
 * e-mail); 'hourly' / 'daily': one digest per person at the next full hour / midnight of their time zone.
 */
export const mailBatchOf = (
  notification: Notification,
  settings: Pick<NotificationSettings, 'digest' | 'timeZone'>,
  windowMs: number,
  now: Date,
): { readonly batchKey: string; readonly dueAt: Date } => {
  switch (settings.digest) {
    case 'immediately':
      return {
        batchKey: notification.cardId === null ? `one:${notification.id}` : `card:${notification.cardId}`,
        dueAt: new Date(now.getTime() + windowMs),
      };
    case 'hourly':
      return { batchKey: 'digest:hourly', dueAt: nextLocalBoundary(now, settings.timeZone, 'hour') };
    case 'daily':
      return { batchKey: 'digest:daily', dueAt: nextLocalBoundary(now, settings.timeZone, 'day') };
  }
};
