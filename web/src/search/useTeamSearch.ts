import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { messageOf } from '../api/session';
import { searchTeam, type SearchResult } from './search-api';

/** How long typing pauses before the search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface TeamSearchState {
  readonly results: readonly SearchResult[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** Whether an answer for the current text has arrived (an empty list then means "nothing found"). */
  readonly answered: boolean;
}

const IDLE: TeamSearchState = { results: [], nextCursor: null, loading: false, error: null, answered: false };

/**
 * Searches the team as the user types (debounced) and appends further pages on `more`. Answers to an
 * older text are dropped, so a slow response never replaces the results of what is typed now.
 */
export const useTeamSearch = (api: ApiClient, teamId: string, text: string) => {
  const [state, setState] = useState<TeamSearchState>(IDLE);
  const generation = useRef(0);
  const q = text.trim();

  useEffect(() => {
    const mine = ++generation.current;
    if (q === '') {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, loading: true, error: null }));
    const timer = setTimeout(() => {
      searchTeam(api, teamId, q, null).then(
        (page) => {
          if (mine === generation.current)
            setState({
              results: page.results,
              nextCursor: page.nextCursor,
              loading: false,
              error: null,
              answered: true,
            });
        },
        (err: unknown) => {
          if (mine === generation.current) setState({ ...IDLE, error: messageOf(err), answered: true });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, teamId, q]);

  const more = useCallback(() => {
    const cursor = state.nextCursor;
    if (cursor === null || state.loading) return;
    const mine = generation.current;
    setState((s) => ({ ...s, loading: true }));
    searchTeam(api, teamId, q, cursor).then(
      (page) => {
        if (mine === generation.current)
          setState((s) => ({
            ...s,
            results: [...s.results, ...page.results],
            nextCursor: page.nextCursor,
            loading: false,
          }));
      },
      (err: unknown) => {
        if (mine === generation.current) setState((s) => ({ ...s, loading: false, error: messageOf(err) }));
      },
    );
  }, [api, teamId, q, state.nextCursor, state.loading]);

  return { ...state, more };
};
