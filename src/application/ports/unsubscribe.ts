import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, NotificationPreference, UserId } from '../../domain';

/** Whom an unsubscribe link is for and what it turns off: one kind, or every kind of a message (its header). */
export interface UnsubscribeClaims {
  readonly userId: UserId;
  /** At least one. */
  readonly kinds: readonly NotificationPreference[];
}

/** Signed one-click unsubscribe tokens (RFC 8058 links in notification e-mails). */
export interface UnsubscribeTokens {
  /** A token naming the person and the kinds; it does not expire (a link in an old e-mail still works). */
  readonly sign: (claims: UnsubscribeClaims) => TaskEither<AppError, string>;
  /** The claims of a token this server signed; `validation/invalid_unsubscribe_token` for anything else. */
  readonly verify: (token: string) => TaskEither<AppError, UnsubscribeClaims>;
}

/** What an unsubscribe link is about, for the page that asks to confirm. */
export interface UnsubscribeTarget {
  /** The first of `kinds` (what a one-kind link is about). */
  readonly kind: NotificationPreference;
  readonly kinds: readonly NotificationPreference[];
  /** Whether e-mail of any of those kinds is still on. */
  readonly enabled: boolean;
}
