import type { DigestMode, Notification } from '../../../domain';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The next boundary of `periodMs` after `now` (UTC). */
const nextBoundary = (now: Date, periodMs: number): Date =>
  new Date(Math.floor(now.getTime() / periodMs) * periodMs + periodMs);

/**
 * Which message a notification goes out in and when that message is due at the earliest. 'immediately':
 * one message per person and card, `windowMs` after its first notification (so a burst of comments is one
 * e-mail); 'hourly' / 'daily': one digest per person at the next full hour / midnight UTC.
 */
export const mailBatchOf = (
  notification: Notification,
  digest: DigestMode,
  windowMs: number,
  now: Date,
): { readonly batchKey: string; readonly dueAt: Date } => {
  switch (digest) {
    case 'immediately':
      return {
        batchKey: notification.cardId === null ? `one:${notification.id}` : `card:${notification.cardId}`,
        dueAt: new Date(now.getTime() + windowMs),
      };
    case 'hourly':
      return { batchKey: 'digest:hourly', dueAt: nextBoundary(now, HOUR_MS) };
    case 'daily':
      return { batchKey: 'digest:daily', dueAt: nextBoundary(now, DAY_MS) };
  }
};
