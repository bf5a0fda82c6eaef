import { mentionToken } from '../../../src/domain/mentions';
import type { UserId } from '../../../src/domain/ids';

/** Someone who can be mentioned. */
export interface Mentionable {
  readonly id: string;
  readonly name: string;
}

/** The `@…` being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  readonly start: number;
  readonly text: string;
}

/** Longest query still read as a name being typed (names may have spaces). */
const MAX_QUERY = 40;

/**
 * The mention being typed at the caret, if any: an `@` at the start or after a space or bracket (so an
 * e-mail address does not open the list), followed by no line break and no token characters.
 */
export const mentionAt = (text: string, caret: number): MentionQuery | null => {
  const before = text.slice(Math.max(0, caret - MAX_QUERY - 1), caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (/[\n<>@]/.test(query) || query.startsWith(' ')) return null;
  const start = caret - before.length + at;
  if (start > 0 && !/[\s([{"']/.test(text[start - 1] ?? '')) return null;
  return { start, text: query };
};

/** The people whose name matches a query: names starting with it first, then names containing it. */
export const matchPeople = <P extends Mentionable>(people: readonly P[], query: string, limit = 8): readonly P[] => {
  const q = query.trim().toLowerCase();
  const starts = people.filter((p) => p.name.toLowerCase().startsWith(q));
  const contains = people.filter((p) => !p.name.toLowerCase().startsWith(q) && p.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
};

/** The text with the query replaced by the person's token and a space; the caret goes after the space. */
export const insertMention = (
  text: string,
  query: MentionQuery,
  caret: number,
  userId: string,
): { readonly text: string; readonly caret: number } => {
  const token = `${mentionToken(userId as UserId)} `;
  return { text: text.slice(0, query.start) + token + text.slice(caret), caret: query.start + token.length };
};
