import { replaceHighlighted, type Highlighted } from './highlighted-text';
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

/**
 * Each mention as one word (U+0001, `m` and the id's 32 hex digits; a letter first, so no parser reads a number), so a snippet cut at word boundaries
 * (`ts_headline`, the memory search) never cuts one in half. The pg search adapter's SQL does the same.
 * Text is stripped of U+0001 first, so nothing anyone typed reads as one.
 */
export const protectMentions = (text: string): string =>
  text
    .replaceAll('\u0001', '')
    .replace(MENTION_RE, (token: string) => `\u0001m${token.slice(2, -1).replaceAll('-', '')}`);

// U+0001 is the protection's own mark, removed from every text before it is added.
// eslint-disable-next-line no-control-regex
const PROTECTED_RE = /\u0001m([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})/g;

/** A snippet of protected text with its mentions as tokens again (`<@id>`); highlights inside one are dropped. */
export const restoreMentions = (h: Highlighted): Highlighted =>
  replaceHighlighted(h, PROTECTED_RE, (m) => `<@${m.slice(1, 6).join('-')}>`);

/** A snippet with each mention as `@name` (`renderMentionsPlain` keeping its highlights in place). */
export const renderSnippetMentions = (h: Highlighted, nameOf: (userId: UserId) => string | undefined): Highlighted =>
  replaceHighlighted(h, MENTION_RE, (m) => `@${(Uuid.is(m[1]) && nameOf(m[1])) || 'unknown'}`);
