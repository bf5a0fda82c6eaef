import {
  renderMentionsPlain,
  type DigestMode,
  type Notification,
  type NotificationPreference,
  type UserId,
} from '../../../domain';

/** Longest a title may be in a subject line before it is cut. */
const SUBJECT_TITLE_CHARS = 80;

/** One line of header-safe text: no line breaks or control characters, cut to `max` characters. */
export const oneLine = (text: string, max = Number.MAX_SAFE_INTEGER): string => {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const quoted = (title: string): string => `“${oneLine(title, SUBJECT_TITLE_CHARS)}”`;

/** What happened, as a sentence (plain text; the HTML part escapes it). */
export const sentenceOf = (n: Notification): string => {
  const who = n.actor ? oneLine(n.actor.name, 100) : 'Someone';
  switch (n.kind) {
    case 'assigned':
      return `${who} assigned you to ${quoted(n.title)}`;
    case 'mentioned':
      return `${who} mentioned you on ${quoted(n.title)}`;
    case 'comment':
      return `${who} commented on ${quoted(n.title)}`;
    case 'due_soon':
      return `${quoted(n.title)} is due within 24 hours`;
    case 'overdue':
      return `${quoted(n.title)} is overdue`;
    case 'invited':
      return `${who} invited you to the team ${quoted(n.title)}`;
  }
};

/** The subject line of a message of `items` (one card's batch or a digest). */
export const subjectOf = (items: readonly Notification[], digest: DigestMode | null): string => {
  const [first] = items;
  if (!first) return 'Boardroom notifications';
  if (digest !== null && digest !== 'immediately') {
    const period = digest === 'hourly' ? 'hourly' : 'daily';
    return `Your ${period} Boardroom digest: ${items.length} notification${items.length === 1 ? '' : 's'}`;
  }
  if (items.length === 1) return sentenceOf(first);
  return `${items.length} updates on ${quoted(first.title)}`;
};

/** The excerpt with mentions as `@name`, on one line, or null. */
export const excerptOf = (n: Notification, nameOf: (id: UserId) => string | undefined): string | null =>
  n.excerpt === null || n.excerpt.trim() === '' ? null : oneLine(renderMentionsPlain(n.excerpt, nameOf), 300);

/** What an unsubscribe link for a kind stops. */
export const PREFERENCE_LABEL: Readonly<Record<NotificationPreference, string>> = {
  assigned: 'cards assigned to you',
  mentioned: 'mentions of you',
  comment: 'comments on cards you are assigned to or watch',
  due: 'due and overdue cards',
  invited: 'team invitations',
};
