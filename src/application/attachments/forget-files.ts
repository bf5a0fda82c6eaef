import * as TE from 'fp-ts/TaskEither';
import { thumbnailBlobId, type AppError, type Card, type TeamId, type Uuid } from '../../domain';
import type { AppDeps } from '../deps';

/**
 * The files of cards a mutation deletes for good, noted while it decides and deleted once it
 * committed: a refused or failed deletion keeps them. The last decision noted wins (the engine may
 * decide again after a concurrent change). Deleting bytes is best effort: one left behind costs quota,
 * never correctness.
 */
export const filesOfDeletedCards = (deps: Pick<AppDeps, 'blobs'>, teamId: TeamId) => {
  let ids: Uuid[] = [];
  return {
    note: (cards: readonly Card[]): void => {
      ids = cards.flatMap((c) => c.attachments.flatMap((a) => [a.id, thumbnailBlobId(a.id)]));
    },
    forget: (): TE.TaskEither<AppError, void> =>
      TE.fromTask(async () => {
        for (const id of ids) await deps.blobs.delete(teamId, id)();
      }),
  };
};
