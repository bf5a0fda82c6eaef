import type * as TE from 'fp-ts/TaskEither';
import type { AppError, Board, BoardId, TeamId, UserId } from '../../domain';
import type { ImportPreview, ImportReport, ParsedUpload } from './import-plan';

export type ImportSource = 'trello' | 'boardroom';

/** What an import answers: a preview, the new board with its report, or the board an earlier upload made. */
export type ImportOutcome =
  | { readonly kind: 'preview'; readonly preview: ImportPreview }
  | { readonly kind: 'imported'; readonly board: Board; readonly report: ImportReport }
  | { readonly kind: 'duplicate'; readonly boardId: BoardId };

/**
 * Imports a board export into a new board of the team. `read` starts reading the upload; it is called
 * only once the caller may create boards in the team.
 */
export type ImportBoard = (
  // The caller (the application's `Actor`, spelled out: api.ts names this type, so it cannot import api.ts).
  actor: { readonly userId: UserId },
  teamId: TeamId,
  source: ImportSource,
  read: () => TE.TaskEither<AppError, ParsedUpload>,
  options: { readonly preview: boolean },
) => TE.TaskEither<AppError, ImportOutcome>;
