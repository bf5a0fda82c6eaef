import type { SearchQuery } from '../../application/ports';

/** Marks `ts_headline` puts around a hit: control characters no text of ours keeps (they are removed first). */
export const START = '\u0002';
export const STOP = '\u0003';

/** `ts_headline` options: marks, and fragments of 15 to 30 words (cf. the memory adapter's snippets). */
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=15, ShortWord=0`;

/**
 * `$2` as `websearch_to_tsquery` reads it, and the word still being typed (`$3`, letters and digits
 * only, so `to_tsquery` sees no operators) as a prefix (`:*`), joined by `$4` ('and' | 'or'). Every
 * part of the user's text is a bound parameter.
 */
const QUERY = `CASE WHEN $3::text IS NULL THEN websearch_to_tsquery('simple', $2)
  WHEN $4 = 'or' THEN websearch_to_tsquery('simple', $2) || to_tsquery('simple', $3 || ':*')
  ELSE websearch_to_tsquery('simple', $2) && to_tsquery('simple', $3 || ':*') END`;

/** The parameters `QUERY` reads, after the team id. */
export const queryParams = (q: SearchQuery): unknown[] =>
  q.prefix === null ? [q.text, null, 'and'] : [q.rest, q.prefix, q.prefixJoin];

const clean = (column: string) => `translate(${column}, E'\\x02\\x03', '')`;
const headline = (column: string) => `ts_headline('simple', ${clean(column)}, q.query, $10)`;

/**
 * One page of a team's hits. `hits` finds them (each table through its (team_id, search) GIN index),
 * the page is cut by the keyset ($5..$8, or none when $5 is null) and only its rows get titles,
 * archived flags and headlines. Joins are LEFT: shard tables have no foreign keys, so a row copied
 * before its parent during a tenant move comes back without a title and is skipped by the caller.
 */
export const SEARCH_SQL = `
WITH q AS (SELECT ${QUERY} AS query),
hits AS (
  SELECT 2 AS score, b.created_at AS at, 0 AS k, b.id, b.id AS board_id, NULL::uuid AS card_id
    FROM boards b, q WHERE b.team_id = $1 AND b.search @@ q.query
  UNION ALL
  SELECT CASE WHEN ts_filter(c.search, '{a}') @@ q.query THEN 2 ELSE 1 END, c.updated_at, 1, c.id, c.board_id, c.id
    FROM cards c, q WHERE c.team_id = $1 AND c.search @@ q.query
  UNION ALL
  SELECT 1, m.created_at, 2, m.id, m.board_id, m.card_id
    FROM comments m, q WHERE m.team_id = $1 AND m.search @@ q.query
),
page AS (
  SELECT * FROM hits
  WHERE $5::int IS NULL OR (score, at, k, id) < ($5::int, $6::timestamptz, $7::int, $8::uuid)
  ORDER BY score DESC, at DESC, k DESC, id DESC
  LIMIT $9
)
SELECT page.score, page.k, page.id, page.board_id, page.card_id,
  to_char(page.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  CASE page.k WHEN 0 THEN b.title ELSE c.title END AS title,
  coalesce(b.archived OR coalesce(c.archived, false) OR coalesce(l.archived, false), false) AS archived,
  CASE page.k WHEN 0 THEN ${headline('b.title')} ELSE ${headline('c.title')} END AS title_headline,
  CASE page.k WHEN 1 THEN ${headline('c.description')} WHEN 2 THEN ${headline('m.body')} END AS body_headline
FROM page CROSS JOIN q
LEFT JOIN boards b ON b.team_id = $1 AND b.id = page.board_id
LEFT JOIN cards c ON c.team_id = $1 AND c.id = page.card_id
LEFT JOIN lists l ON l.team_id = $1 AND l.id = c.list_id
LEFT JOIN comments m ON page.k = 2 AND m.team_id = $1 AND m.id = page.id
ORDER BY page.score DESC, page.at DESC, page.k DESC, page.id DESC`;
