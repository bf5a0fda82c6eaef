import type { BoardEventRecord } from './events';
import type { CardId, UserId } from './ids';
import { extractMentions } from './mentions';
import {
  NOTIFICATION_EXCERPT_CHARS,
  type NewNotification,
  type NotificationActor,
  type NotificationKind,
} from './notification';

/**
 * What deriving notifications from one committed board event needs besides the event: captured on the
 * shard when the event was committed (board title, the card's assignees) or read from the catalog when it
 * is derived (watchers, members, the actor's name).
 */
export interface NotificationContext {
  readonly boardTitle: string;
  /** The card's assignees as of the event's commit. */
  readonly assignees: readonly UserId[];
  /** People watching the whole board. */
  readonly boardWatchers: readonly UserId[];
  /** People watching the event's card. */
  readonly cardWatchers: readonly UserId[];
  /** The members of the card's team now: nobody else is ever notified. */
  readonly members: ReadonlySet<UserId>;
  /** Who made the change, named as they are called now. */
  readonly actor: NotificationActor;
}

/** The event kinds that can notify anyone; the outbox keeps only these (the shard trigger is its SQL twin). */
export const NOTIFYING_KINDS = [
  'card.member.added',
  'comment.created',
  'comment.updated',
  'card.created',
  'card.updated',
] as const;

const MENTION_START = '<@';

/** Whether a committed event can notify anyone, so the outbox need not keep the others. */
export const mayNotify = (r: BoardEventRecord): boolean => {
  switch (r.kind) {
    case 'card.member.added':
    case 'comment.created':
      return true;
    case 'comment.updated':
      return r.data.body.includes(MENTION_START);
    case 'card.created':
      return r.data.card.description.includes(MENTION_START);
    case 'card.updated':
      return r.data.changes.description?.includes(MENTION_START) ?? false;
    default:
      return false;
  }
};

/** A short excerpt that never ends inside a `<@id>` token (a cut token would render as stray text). */
export const excerptOf = (text: string): string => {
  if (text.length <= NOTIFICATION_EXCERPT_CHARS) return text;
  const cut = text.slice(0, NOTIFICATION_EXCERPT_CHARS);
  const open = cut.lastIndexOf(MENTION_START);
  const trimmed = open >= 0 && !cut.slice(open).includes('>') ? cut.slice(0, open) : cut;
  return `${trimmed.trimEnd()}…`;
};

interface About {
  readonly record: BoardEventRecord;
  readonly ctx: NotificationContext;
  readonly cardId: CardId;
  readonly title: string;
  readonly excerpt: string | null;
}

const make =
  (about: About) =>
  (kind: NotificationKind, key: string) =>
  (userId: UserId): NewNotification => ({
    userId,
    kind,
    key,
    teamId: about.record.teamId,
    boardId: about.record.boardId,
    cardId: about.cardId,
    actor: about.ctx.actor,
    title: about.title,
    boardTitle: about.ctx.boardTitle,
    excerpt: about.excerpt,
    at: about.record.at,
  });

/** Each person once, in first-seen order, who is a member now and not one of `except`. */
const recipients = (ctx: NotificationContext, people: readonly UserId[], except: readonly UserId[]): UserId[] =>
  [...new Set(people)].filter((u) => ctx.members.has(u) && !except.includes(u));

/** `mentioned` to each team member a text mentions, other than its author. */
const mentionsIn = (about: About, text: string, author: UserId, key: string): NewNotification[] =>
  recipients(about.ctx, extractMentions(text), [author]).map(make(about)('mentioned', key));

const onComment = (
  record: BoardEventRecord,
  ctx: NotificationContext,
  c: { readonly id: string; readonly cardId: CardId; readonly body: string; readonly cardTitle: string },
  author: UserId,
  withComment: boolean,
): NewNotification[] => {
  const about: About = { record, ctx, cardId: c.cardId, title: c.cardTitle, excerpt: excerptOf(c.body) };
  const mentioned = mentionsIn(about, c.body, author, `mentioned:comment:${c.id}`);
  if (!withComment) return mentioned;
  const followers = [...ctx.assignees, ...ctx.cardWatchers, ...ctx.boardWatchers];
  const told = recipients(ctx, followers, [author, ...extractMentions(c.body)]);
  return [...mentioned, ...told.map(make(about)('comment', `comment:${c.id}`))];
};

const onDescription = (
  record: BoardEventRecord,
  ctx: NotificationContext,
  cardId: CardId,
  title: string,
  description: string,
): NewNotification[] => {
  const about: About = { record, ctx, cardId, title, excerpt: excerptOf(description) };
  return mentionsIn(about, description, record.actor, `mentioned:card:${cardId}`);
};

/**
 * The notifications one committed board event makes (docs/notifications.md, "Derivation"). Deterministic
 * keys make deriving the same event again harmless: the store keeps one per (person, key).
 */
export const notificationsFor = (record: BoardEventRecord, ctx: NotificationContext): readonly NewNotification[] => {
  switch (record.kind) {
    case 'card.member.added': {
      const { cardId, title, userId } = record.data;
      const about: About = { record, ctx, cardId, title, excerpt: null };
      return recipients(ctx, [userId], [record.actor]).map(make(about)('assigned', `assigned:${cardId}:${record.seq}`));
    }
    case 'comment.created': {
      const { comment, cardTitle } = record.data;
      return onComment(record, ctx, { ...comment, cardTitle }, comment.authorId, true);
    }
    case 'comment.updated': {
      const { commentId, cardId, body, cardTitle } = record.data;
      return onComment(record, ctx, { id: commentId, cardId, body, cardTitle }, record.actor, false);
    }
    case 'card.created': {
      const { card } = record.data;
      return onDescription(record, ctx, card.id, card.title, card.description);
    }
    case 'card.updated': {
      const description = record.data.changes.description;
      if (description === undefined) return [];
      return onDescription(record, ctx, record.data.cardId, record.data.title, description);
    }
    default:
      return [];
  }
};

/** The card an event that may notify is about (whose assignees and watchers matter), or null. */
export const notifiedCardOf = (record: BoardEventRecord): CardId | null => {
  switch (record.kind) {
    case 'card.member.added':
    case 'comment.updated':
    case 'card.updated':
      return record.data.cardId;
    case 'comment.created':
      return record.data.comment.cardId;
    case 'card.created':
      return record.data.card.id;
    default:
      return null;
  }
};
