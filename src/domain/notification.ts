import type { BoardId, CardId, TeamId, UserId } from './ids';

/** Why a person is notified. */
export type NotificationKind = 'assigned' | 'mentioned' | 'comment' | 'due_soon' | 'overdue' | 'invited';

/** The kinds a person can switch e-mail on or off for (both due kinds share `due`). */
export type NotificationPreference = 'assigned' | 'mentioned' | 'comment' | 'due' | 'invited';

export const NOTIFICATION_PREFERENCES: readonly NotificationPreference[] = [
  'assigned',
  'mentioned',
  'comment',
  'due',
  'invited',
];

/** How e-mails are sent: each batch a short while after it happens, or one digest an hour or a day. */
export type DigestMode = 'immediately' | 'hourly' | 'daily';

/** The preference that governs e-mail for a notification kind. */
export const preferenceOf = (kind: NotificationKind): NotificationPreference =>
  kind === 'due_soon' || kind === 'overdue' ? 'due' : kind;

/** Who caused a notification, named as they were called when it happened. */
export interface NotificationActor {
  readonly id: UserId;
  readonly name: string;
}

/**
 * A notification before it is stored. `key` identifies what it is about for this person (e.g.
 * `comment:<commentId>`, `due_soon:<cardId>:<dueAt>`): storing the same (userId, key) twice keeps one.
 */
export interface NewNotification {
  readonly userId: UserId;
  readonly kind: NotificationKind;
  readonly key: string;
  readonly teamId: TeamId;
  readonly boardId: BoardId | null;
  readonly cardId: CardId | null;
  readonly actor: NotificationActor | null;
  /** The card's title (the team's name for `invited`). */
  readonly title: string;
  readonly boardTitle: string | null;
  /** A short excerpt of the comment or description, mentions kept as `<@id>` tokens. */
  readonly excerpt: string | null;
  /** When the thing notified about happened (ISO instant). */
  readonly at: string;
}

/** A stored notification, as the inbox and the socket show it. */
export interface Notification extends NewNotification {
  readonly id: string;
  readonly readAt: string | null;
}

/** How long a stored excerpt may be. */
export const NOTIFICATION_EXCERPT_CHARS = 280;
