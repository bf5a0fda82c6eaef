import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, BoardId, CardId, TeamId } from '../../domain';

/** What a search hit is: a board (by its title), a card (title and description) or a comment (its body). */
export type SearchHitKind = 'board' | 'card' | 'comment';

/**
 * A search as the adapters run it (see `parseSearchQuery`). Words must all appear (within one
 * `or`-separated group); `prefix` is the word still being typed and matches any word it begins.
 */
export interface SearchQuery {
  /** The query as typed, trimmed: Postgres reads it with `websearch_to_tsquery`. */
  readonly text: string;
  /** `text` without the trailing `prefix` word (the whole text when there is none). */
  readonly rest: string;
  /** The last word, lower-cased, letters and digits only, when the query ends in one; else null. */
  readonly prefix: string | null;
  /** How `prefix` joins `rest`: `and`, or `or` when the word before it is `or`. */
  readonly prefixJoin: 'and' | 'or';
  /**
   * The query read as alternatives (`a b or c` = a∧b ∨ c), lower-cased words, `prefix` left out: it
   * belongs to the last group.
   */
  readonly groups: readonly SearchGroup[];
}

export interface SearchGroup {
  readonly all: readonly string[];
  readonly none: readonly string[];
}

/** A piece of text with the ranges (UTF-16 offsets, end exclusive) that matched the query. */
export interface Snippet {
  readonly text: string;
  readonly highlights: readonly (readonly [number, number])[];
}

/** One thing the search found, as the team member sees it in the result list. */
export interface SearchHit {
  readonly kind: SearchHitKind;
  /** The matched board, card or comment. */
  readonly id: string;
  readonly boardId: BoardId;
  /** The card hit, or the card the comment is on; absent for a board. */
  readonly cardId?: CardId;
  /** The board's title for a board, the card's title for a card or a comment. */
  readonly title: string;
  /** The part of the matched text around the match (a card's description when it matches there). */
  readonly snippet: Snippet;
  /** The hit itself, its list or its board is archived: still found, marked so. */
  readonly archived: boolean;
}

/**
 * Where a page of hits ends. Hits are ordered by `score` (2: the whole query is in the title; 1: it
 * needs the body), then `at` (the card's last change, the board's or comment's creation; newest
 * first), then kind and id, all descending: a key that is total, so pages never repeat or skip a hit.
 */
export interface SearchCursor {
  readonly score: number;
  /** ISO-8601, as precise as the store keeps it. */
  readonly at: string;
  readonly kind: SearchHitKind;
  readonly id: string;
}

export interface SearchPage {
  /** 1 to `MAX_SEARCH_LIMIT`. */
  readonly limit: number;
  readonly after: SearchCursor | null;
}

export interface SearchResults {
  readonly hits: readonly SearchHit[];
  /** Where the next page starts; null on the last page. */
  readonly next: SearchCursor | null;
}

/** Full-text search over one team's boards, cards and comments (a team lives on one shard). */
export interface TeamSearch {
  /** One page of the team's hits for the query, best first; never a row of another team. */
  readonly search: (teamId: TeamId, query: SearchQuery, page: SearchPage) => TaskEither<AppError, SearchResults>;
}

/** The sort order of kinds among hits of equal score and time (descending, like the rest of the key). */
export const KIND_ORDER: Readonly<Record<SearchHitKind, number>> = { board: 0, card: 1, comment: 2 };
