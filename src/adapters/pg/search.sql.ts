import type { SearchCursor, SearchQuery } from '../../application/ports';
import { KIND_ORDER } from '../../application/ports';

/** Marks `ts_headline` puts around a hit: control characters no text of ours keeps (they are removed first). */
export const START = '\u0002';
export const STOP = '\u0003';

/** `ts_headline` options: marks, and fragments of 15 to 30 words (cf. the memory adapter's snippets). */
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=15, ShortWord=0`;

/**
 * `$2` as `websearch_to_tsquery` reads it, and the word still being typed (`$3`, letters and digits
 * only, so `to_tsquery` sees no operators) as a prefix (`:*`), joined by `$4` ('and' | 'or'). Every
 * part of the user's text is a bound parameter. Written out wherever it is used rather than in a CTE:
 * the planner then sees the query itself and can estimate how many rows it matches.
 */
const Q = `(CASE WHEN $3::text IS NULL THEN websearch_to_tsquery('simple', $2)
  WHEN $4 = 'or' THEN websearch_to_tsquery('simple', $2) || to_tsquery('simple', $3 || ':*')
  ELSE websearch_to_tsquery('simple', $2) && to_tsquery('simple', $3 || ':*') END)`;

/** The parameters `Q` reads, after the team id. */
export const queryParams = (q: SearchQuery): unknown[] =>
  q.prefix === null ? [q.text, null, 'and'] : [q.rest, q.prefix, q.prefixJoin];

/** One source of hits: a table, the score its rows get and the condition that gives them that score. */
interface Source {
  readonly score: 1 | 2;
  readonly kind: keyof typeof KIND_ORDER;
  readonly table: string;
  readonly at: string;
  readonly match: string;
  readonly boardId: string;
  readonly cardId: string;
}

const TITLE_MATCH = `ts_filter(t.search, '{a}') @@ ${Q}`;

const SOURCES: readonly Source[] = [
  { score: 2, kind: 'board', table: 'boards', at: 'created_at', match: '', boardId: 't.id', cardId: 'NULL::uuid' },
  {
    score: 2,
    kind: 'card',
    table: 'cards',
    at: 'updated_at',
    match: `AND ${TITLE_MATCH}`,
    boardId: 't.board_id',
    cardId: 't.id',
  },
  {
    score: 1,
    kind: 'card',
    table: 'cards',
    at: 'updated_at',
    match: `AND NOT ${TITLE_MATCH}`,
    boardId: 't.board_id',
    cardId: 't.id',
  },
  {
    score: 1,
    kind: 'comment',
    table: 'comments',
    at: 'created_at',
    match: '',
    boardId: 't.board_id',
    cardId: 't.card_id',
  },
];

/**
 * Where a source's rows resume after the cursor (score, at, kind, id; all descending), as a condition
 * an index on (team_id, at, id) can bound; null when the source lies wholly before the cursor.
 */
const resume = (s: Source, after: SearchCursor | null): string | null => {
  if (after === null || s.score < after.score) return '';
  if (s.score > after.score) return null;
  const k = KIND_ORDER[s.kind];
  const K = KIND_ORDER[after.kind];
  if (k < K) return `AND t.${s.at} <= $7::timestamptz`;
  if (k > K) return `AND t.${s.at} < $7::timestamptz`;
  return `AND (t.${s.at}, t.id) < ($7::timestamptz, $8::uuid)`;
};

/**
 * Each source's newest `$5` hits after the cursor: with the word's rows few, from the GIN index on
 * (team_id, search) and sorted; with them many (a short prefix), by walking the (team_id, at, id)
 * index newest first and stopping at `$5`. The planner picks per source from the query's estimated
 * selectivity.
 */
const sourceSql = (s: Source, bound: string): string => `(
  SELECT ${s.score} AS score, t.${s.at} AS at, ${KIND_ORDER[s.kind]} AS k, t.id, ${s.boardId} AS board_id, ${s.cardId} AS card_id
  FROM ${s.table} t
  WHERE t.team_id = $1 AND t.search @@ ${Q} ${s.match} ${bound}
  ORDER BY t.${s.at} DESC, t.id DESC
  LIMIT $5)`;

/** `protectMentions` in SQL: marks and U+0001 removed, then each `<@id>` one word (U+0001, `m`, 32 hex). */
const clean = (column: string) =>
  `regexp_replace(translate(${column}, E'\\x01\\x02\\x03', ''),
    '<@([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})>', chr(1) || 'm\\1\\2\\3\\4\\5', 'g')`;
const headline = (column: string) => `ts_headline('simple', ${clean(column)}, ${Q}, $6)`;

/**
 * One page of a team's hits (at most `$5` rows; ask for one more than shown to learn whether more
 * follow). Only the page's rows get titles, archived flags and headlines. Joins are LEFT: shard tables
 * have no foreign keys, so a row copied before its parent during a tenant move comes back without a
 * title and is skipped by the caller.
 */
export const searchSql = (after: SearchCursor | null): string => {
  const sources = SOURCES.flatMap((s) => {
    const bound = resume(s, after);
    return bound === null ? [] : [sourceSql(s, bound)];
  });
  return `
WITH page AS (
  SELECT * FROM (${sources.join('\n  UNION ALL ')}) hits
  ORDER BY score DESC, at DESC, k DESC, id DESC
  LIMIT $5
)
SELECT page.score, page.k, page.id, page.board_id, page.card_id,
  to_char(page.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  CASE page.k WHEN 0 THEN b.title ELSE c.title END AS title,
  coalesce(b.archived OR coalesce(c.archived, false) OR coalesce(l.archived, false), false) AS archived,
  CASE page.k WHEN 0 THEN ${headline('b.title')} ELSE ${headline('c.title')} END AS title_headline,
  CASE page.k WHEN 1 THEN ${headline('boardroom_card_text(c.description, c.checklists)')} WHEN 2 THEN ${headline('m.body')} END AS body_headline
FROM page
LEFT JOIN boards b ON b.team_id = $1 AND b.id = page.board_id
LEFT JOIN cards c ON c.team_id = $1 AND c.id = page.card_id
LEFT JOIN lists l ON l.team_id = $1 AND l.id = c.list_id
LEFT JOIN comments m ON page.k = 2 AND m.team_id = $1 AND m.id = page.id
ORDER BY page.score DESC, page.at DESC, page.k DESC, page.id DESC`;
};
