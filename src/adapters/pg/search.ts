import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import {
  type SearchCursor,
  type SearchHit,
  type SearchHitKind,
  type Snippet,
  type TeamSearch,
} from '../../application/ports';
import { restoreMentions, type BoardId, type CardId } from '../../domain';
import { HEADLINE_OPTIONS, START, STOP, queryParams, searchSql } from './search.sql';
import { rows } from './sql';

interface HitRow {
  readonly score: number;
  readonly k: number;
  readonly id: string;
  readonly board_id: string;
  readonly card_id: string | null;
  readonly at: string;
  readonly title: string | null;
  readonly archived: boolean;
  readonly title_headline: string | null;
  readonly body_headline: string | null;
}

const KINDS: readonly SearchHitKind[] = ['board', 'card', 'comment'];

/** `ts_headline`'s output with its marks turned into offsets; an unclosed mark ends with the text. */
export const snippetFromMarks = (marked: string): Snippet => {
  let text = '';
  let open: number | null = null;
  const highlights: [number, number][] = [];
  for (const ch of marked) {
    if (ch === START) open ??= text.length;
    else if (ch === STOP) {
      if (open !== null && open < text.length) highlights.push([open, text.length]);
      open = null;
    } else text += ch;
  }
  if (open !== null && open < text.length) highlights.push([open, text.length]);
  return { text, highlights };
};

/** A card's snippet comes from its description when a searched word is there, else from its title. */
const snippetOf = (r: HitRow): Snippet => {
  const body = r.body_headline === null ? null : snippetFromMarks(r.body_headline);
  if (r.k === 2 || (body !== null && body.highlights.length > 0)) return body ?? { text: '', highlights: [] };
  return snippetFromMarks(r.title_headline ?? '');
};

const hitOf = (r: HitRow): SearchHit | null => {
  const kind = KINDS[r.k];
  if (kind === undefined || r.title === null) return null;
  return {
    kind,
    id: r.id,
    boardId: r.board_id as BoardId,
    ...(r.card_id !== null && { cardId: r.card_id as CardId }),
    title: r.title,
    // The SQL made each mention one word so the headline never cuts one; they are tokens again here.
    snippet: restoreMentions(snippetOf(r)),
    archived: r.archived,
  };
};

const keyOf = (r: HitRow): SearchCursor => ({ score: r.score, at: r.at, kind: KINDS[r.k] ?? 'board', id: r.id });

/**
 * Team search on one shard with Postgres full-text search (migration 0008): generated `search`
 * vectors, `websearch_to_tsquery` plus a prefix for the word being typed, `ts_headline` snippets.
 */
export const makePgTeamSearch = (pool: Pool): TeamSearch => ({
  search: (teamId, query, page) => {
    const after = page.after;
    // The cursor's score and kind shape the SQL (which sources remain, how each resumes); its time and id
    // are bound as $7 and $8, sent only with a cursor (Postgres refuses parameters a statement never uses).
    const keyset = after === null ? [] : [after.at, after.id];
    return pipe(
      rows(
        pool,
        searchSql(after),
        [teamId, ...queryParams(query), page.limit + 1, HEADLINE_OPTIONS, ...keyset],
        (r: HitRow) => r,
      ),
      TE.map((found) => {
        const shown = found.slice(0, page.limit);
        const last = shown[shown.length - 1];
        return {
          hits: shown.flatMap((r) => hitOf(r) ?? []),
          next: found.length > page.limit && last ? keyOf(last) : null,
        };
      }),
    );
  },
});
