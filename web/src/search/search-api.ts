import type { ApiClient } from '../api/client';

/** A piece of text and the ranges of it that matched (UTF-16 offsets, end exclusive): never markup. */
export interface Snippet {
  readonly text: string;
  readonly highlights: readonly (readonly [number, number])[];
}

/** One hit of `GET /api/teams/:teamId/search`. */
export interface SearchResult {
  readonly kind: 'board' | 'card' | 'comment';
  readonly id: string;
  readonly boardId: string;
  readonly cardId?: string;
  readonly title: string;
  readonly snippet: Snippet;
  readonly archived: boolean;
}

export interface SearchPage {
  readonly results: readonly SearchResult[];
  readonly nextCursor: string | null;
}

export const SEARCH_PAGE_SIZE = 20;

/** One page of the team's hits for `q`, after `cursor` when given. */
export const searchTeam = (api: ApiClient, teamId: string, q: string, cursor: string | null): Promise<SearchPage> => {
  const params = new URLSearchParams({ q, limit: String(SEARCH_PAGE_SIZE) });
  if (cursor !== null) params.set('cursor', cursor);
  return api.request<SearchPage>('GET', `/api/teams/${encodeURIComponent(teamId)}/search?${params.toString()}`);
};

/** Where a hit opens: its board, with the card's dialog open for a card or a comment. */
export const resultHref = (teamId: string, r: SearchResult): string =>
  `/app/teams/${teamId}/boards/${r.boardId}${r.cardId ? `?card=${encodeURIComponent(r.cardId)}` : ''}`;
