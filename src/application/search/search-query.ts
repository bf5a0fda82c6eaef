import * as E from 'fp-ts/Either';
import { validation, type AppError } from '../../domain';
import type { SearchGroup, SearchQuery } from '../ports';

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

const WORD = /^[\p{L}\p{N}]+$/u;
const WORDS = /[\p{L}\p{N}]+/gu;

const wordsOf = (token: string): string[] => token.toLowerCase().match(WORDS) ?? [];

/**
 * The query read the way `websearch_to_tsquery` reads it, simplified to what both adapters can match:
 * `or` between words starts another alternative, `-word` excludes, quotes are dropped (a phrase's words
 * are required, in any order, by the memory adapter; Postgres keeps the phrase).
 */
const groupsOf = (text: string): SearchGroup[] => {
  const tokens = text
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
  const groups: { all: string[]; none: string[] }[] = [{ all: [], none: [] }];
  let afterOr = false;
  tokens.forEach((token, i) => {
    const current = groups[groups.length - 1] as { all: string[]; none: string[] };
    // As in websearch_to_tsquery, `or` is an operator only between two terms; elsewhere it is a word.
    const isOr = token.toLowerCase() === 'or' && !afterOr && current.all.length + current.none.length > 0;
    afterOr = isOr && i < tokens.length - 1;
    if (afterOr) groups.push({ all: [], none: [] });
    else if (token.startsWith('-')) current.none.push(...wordsOf(token));
    else current.all.push(...wordsOf(token));
  });
  return groups;
};

/**
 * Reads what a person typed into the search box. The last word counts as a prefix while it is plain
 * letters and digits outside an open quote, so "deplo" already finds "deploy". A query with nothing to
 * look for (blank, punctuation, only exclusions) is `empty_query`; a longer one than
 * `MAX_QUERY_LENGTH` is `query_too_long`.
 */
export const parseSearchQuery = (typed: string): E.Either<AppError, SearchQuery> => {
  const text = typed.trim();
  if (text.length > MAX_QUERY_LENGTH)
    return E.left(validation(`Search for at most ${MAX_QUERY_LENGTH} characters`, 'query_too_long'));
  const tokens = text.split(/\s+/);
  const last = tokens[tokens.length - 1] ?? '';
  const openQuote = (text.match(/"/g) ?? []).length % 2 === 1;
  const hasPrefix = WORD.test(last) && !openQuote;
  const before = tokens.slice(0, -1);
  const orBefore = hasPrefix && before.length > 1 && before[before.length - 1]?.toLowerCase() === 'or';
  const restTokens = hasPrefix ? (orBefore ? before.slice(0, -1) : before) : tokens;
  const rest = restTokens.join(' ');
  const prefix = hasPrefix ? last.toLowerCase() : null;
  const groups = [...groupsOf(rest), ...(orBefore ? [{ all: [], none: [] }] : [])];
  const isLast = (i: number) => i === groups.length - 1;
  // The prefix word belongs to the last group; an empty group (`or or`) is no alternative at all.
  const kept = groups.filter((g, i) => g.all.length + g.none.length > 0 || (prefix !== null && isLast(i)));
  const positive = (g: SearchGroup) => g.all.length > 0 || (prefix !== null && g === kept[kept.length - 1]);
  // A group of exclusions only would match nearly every row: nothing an index can answer.
  if (kept.length === 0 || !kept.every(positive)) return E.left(validation('Type a word to search for', 'empty_query'));
  return E.right({ text, rest, prefix, prefixJoin: orBefore ? 'or' : 'and', groups: kept });
};
