import { Uuid, type UserId } from './ids';

/**
 * A mention is stored in comment and description text as `<@user-id>`, so a renamed person still resolves;
 * the web renders it as a chip with the person's current name.
 */
const MENTION_RE = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/g;

/** The text that mentions one person. */
export const mentionToken = (userId: UserId): string => `<@${userId}>`;

/** The people a text mentions, each once, in the order they first appear. */
export const extractMentions = (text: string): readonly UserId[] => {
  const seen = new Set<UserId>();
  for (const match of text.matchAll(MENTION_RE)) {
    const id = match[1];
    if (Uuid.is(id)) seen.add(id);
  }
  return [...seen];
};

/** A piece of mention-bearing text: plain text or one mention. */
export type MentionSegment =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'mention'; readonly userId: UserId };

/** Splits a text into plain runs and mentions, in order, for rendering. */
export const splitMentions = (text: string): readonly MentionSegment[] => {
  const out: MentionSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(MENTION_RE)) {
    const id = match[1];
    if (!Uuid.is(id)) continue;
    if (match.index > at) out.push({ kind: 'text', text: text.slice(at, match.index) });
    out.push({ kind: 'mention', userId: id });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
};

/** The text with each mention replaced by `@name` (names from `nameOf`), for e-mails, search snippets and exports. */
export const renderMentionsPlain = (text: string, nameOf: (userId: UserId) => string | undefined): string =>
  splitMentions(text)
    .map((s) => (s.kind === 'text' ? s.text : `@${nameOf(s.userId) ?? 'unknown'}`))
    .join('');
