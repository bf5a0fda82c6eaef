import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';
import { renderHitMentions } from './render-snippets';
import { parseSearchQuery } from './search-query';

/** Most hits on one page. */
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 20;

/**
 * A page of hits among the team's boards, cards and comments, for whoever may read its boards (every
 * member, viewers included). Archived things are found too and marked `archived`, so nothing a member
 * could open is hidden from them; the client decides how to show it. Mentions in snippets read `@name`.
 */
export const searchTeam =
  (deps: Pick<AppDeps, 'teams' | 'authCache' | 'search' | 'users'>): Application['search']['team'] =>
  (actor, teamId, input) =>
    pipe(
      authorize(deps)(actor, teamId, 'board.read'),
      TE.chain(() => TE.fromEither(parseSearchQuery(input.q))),
      TE.chain((query) =>
        deps.search.search(teamId, query, {
          limit: Math.min(Math.max(input.limit ?? DEFAULT_SEARCH_LIMIT, 1), MAX_SEARCH_LIMIT),
          after: input.after ?? null,
        }),
      ),
      TE.chain((page) =>
        pipe(
          renderHitMentions(deps.users)(page.hits),
          TE.map((hits) => ({ ...page, hits })),
        ),
      ),
    );
