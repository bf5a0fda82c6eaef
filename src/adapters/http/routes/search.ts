import { Router } from 'express';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../../../application/api';
import type { SearchCursor, SearchHit, SearchResults } from '../../../application/ports';
import type { AppError } from '../../../domain';
import { TeamParams } from '../codecs';
import { ok } from '../handle';
import { queryRoute } from '../mutation-route';
import { decodeSearchCursor, encodeSearchCursor, SearchQueryString } from '../search-cursor';

/** A hit as JSON: the snippet's highlights are offsets into its text, never markup. */
const resultOf = (hit: SearchHit) => ({
  kind: hit.kind,
  id: hit.id,
  boardId: hit.boardId,
  ...(hit.cardId !== undefined && { cardId: hit.cardId }),
  title: hit.title,
  snippet: { text: hit.snippet.text, highlights: hit.snippet.highlights },
  archived: hit.archived,
});

const bodyOf = (page: SearchResults) => ({
  results: page.hits.map(resultOf),
  nextCursor: page.next === null ? null : encodeSearchCursor(page.next),
});

/** GET /api/teams/:teamId/search?q=&limit=&cursor=: one page of the team's boards, cards and comments. */
export const searchRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  router.get(
    '/',
    queryRoute(
      TeamParams,
      SearchQueryString,
      ({ actor, p, q }) =>
        pipe(
          q.cursor === undefined
            ? TE.right<AppError, SearchCursor | undefined>(undefined)
            : TE.fromEither(decodeSearchCursor(q.cursor)),
          TE.chain((after) =>
            application.search.team(actor, p.teamId, {
              q: q.q ?? '',
              ...(q.limit !== undefined && { limit: q.limit }),
              ...(after !== undefined && { after }),
            }),
          ),
        ),
      (page) => ok(bodyOf(page)),
    ),
  );
  return router;
};
