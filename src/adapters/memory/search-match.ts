import type { SearchQuery, Snippet } from '../../application/ports';

/** A word of a text and where it sits (UTF-16 offsets, end exclusive). */
interface Word {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Words as Postgres' 'simple' configuration mostly sees them: runs of letters and digits, lower-cased. */
const wordsIn = (text: string): Word[] =>
  [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    word: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));

/** Whether the query matches a text given as its set of words (`tsvector @@ tsquery`). */
export const matches = (query: SearchQuery, words: ReadonlySet<string>): boolean =>
  query.groups.some((group, i) => {
    const withPrefix = query.prefix !== null && i === query.groups.length - 1;
    const prefix = query.prefix ?? '';
    return (
      group.all.every((w) => words.has(w)) &&
      !group.none.some((w) => words.has(w)) &&
      (!withPrefix || [...words].some((w) => w.startsWith(prefix)))
    );
  });

export const wordSet = (...texts: readonly string[]): Set<string> =>
  new Set(texts.flatMap((t) => wordsIn(t).map((w) => w.word)));

/** Whether a word is one the query looks for, so a snippet marks it. */
const isTerm = (query: SearchQuery, word: string): boolean =>
  (query.prefix !== null && word.startsWith(query.prefix)) || query.groups.some((g) => g.all.includes(word));

/** Whether the text holds a word the query looks for. */
export const mentions = (query: SearchQuery, text: string): boolean => wordsIn(text).some((w) => isTerm(query, w.word));

/** Longest snippet, in words; Postgres gets the same limit (`MaxWords`). */
export const SNIPPET_MAX_WORDS = 30;

/**
 * The text around its first matching word, at most `SNIPPET_MAX_WORDS` words from there, with every
 * matching word marked: `ts_headline`'s choice for a text with one cover. A short text is whole.
 */
export const snippetOf = (query: SearchQuery, text: string): Snippet => {
  const words = wordsIn(text);
  const first = Math.max(
    0,
    words.findIndex((w) => isTerm(query, w.word)),
  );
  const short = words.length <= SNIPPET_MAX_WORDS;
  const shown = short ? words : words.slice(first, first + SNIPPET_MAX_WORDS);
  const from = short ? 0 : (shown[0]?.start ?? 0);
  const to = short ? text.length : (shown[shown.length - 1]?.end ?? text.length);
  return {
    text: text.slice(from, to),
    highlights: shown.filter((w) => isTerm(query, w.word)).map((w) => [w.start - from, w.end - from] as const),
  };
};
