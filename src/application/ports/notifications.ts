import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, NewNotification, Notification, UserId } from '../../domain';

/** A stored notification and whether this call stored it (false: the same userId + key was stored before). */
export interface RecordedNotification {
  readonly notification: Notification;
  readonly created: boolean;
}

/** A page of a person's inbox, newest first. */
export interface NotificationPage {
  readonly notifications: readonly Notification[];
  /** Unread notifications in the whole inbox, not only this page. */
  readonly unread: number;
  readonly nextCursor: string | null;
}

/** Which notifications to mark read. */
export type ReadSelection = { readonly ids: readonly string[] } | { readonly all: true };

/** Each person's notifications (in the catalog: a person's inbox spans teams and shards). */
export interface NotificationStore {
  /** Stores each notification unless its (userId, key) is stored already; answers every one as stored, in order. */
  readonly record: (items: readonly NewNotification[]) => TaskEither<AppError, readonly RecordedNotification[]>;
  /** A page of the person's inbox, newest first; `cursor` is a previous page's `nextCursor`. */
  readonly list: (
    userId: UserId,
    page: { readonly limit: number; readonly cursor?: string },
  ) => TaskEither<AppError, NotificationPage>;
  /** Marks the person's notifications read (others' ids are ignored); answers the unread count after. */
  readonly markRead: (userId: UserId, which: ReadSelection, at: Date) => TaskEither<AppError, number>;
  /**
   * Marks the person's unread notification with this key read (what it is about was dealt with: an
   * invitation answered); answers the ids it marked (none if already read or never stored) and the
   * unread count after.
   */
  readonly markReadByKey: (userId: UserId, key: string, at: Date) => TaskEither<AppError, ReadByKey>;
}

/** What `markReadByKey` changed. */
export interface ReadByKey {
  readonly ids: readonly string[];
  readonly unread: number;
}

/**
 * Hears every notification recorded, including ones a retry records again (`created: false`), so a crash
 * between recording and hearing costs a repeat, never a loss. Listeners are idempotent by notification id.
 */
export type NotificationListener = (items: readonly RecordedNotification[]) => TaskEither<AppError, void>;
