import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { extractMentions, renderSnippetMentions, type AppError, type UserId } from '../../domain';
import type { SearchHit, UserRepository } from '../ports';

/**
 * The hits with every `<@id>` in their snippets shown as `@name` (current names, one catalog read for
 * the page), highlights kept on the words they marked. Stored text keeps the tokens.
 */
export const renderHitMentions =
  (users: Pick<UserRepository, 'findMany'>) =>
  (hits: readonly SearchHit[]): TE.TaskEither<AppError, readonly SearchHit[]> => {
    const ids = [...new Set(hits.flatMap((h) => extractMentions(h.snippet.text)))];
    if (ids.length === 0) return TE.right(hits);
    return pipe(
      users.findMany(ids),
      TE.map((found) => {
        const names = new Map<UserId, string>(found.map((u) => [u.id, u.name]));
        return hits.map((h) => ({ ...h, snippet: renderSnippetMentions(h.snippet, (id) => names.get(id)) }));
      }),
    );
  };
