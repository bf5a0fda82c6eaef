import { ApiError, type ApiClient } from '../api/client';
import { apiErrorOf, uploadFile, type UploadAnswer } from '../api/upload';

/** Where an export comes from: Trello's "Export as JSON" or Boardroom's own JSON export. */
export type ImportSource = 'trello' | 'boardroom';

export interface MatchedMember {
  readonly trelloName: string;
  readonly userId: string;
  readonly name: string;
}

export interface UnmatchedMember {
  readonly trelloName: string;
  readonly username: string;
}

/** How many of each thing an export holds (preview) or the import created (report). */
export interface ImportCounts {
  readonly lists: number;
  readonly cards: number;
  readonly labels: number;
  readonly checklists: number;
  readonly checkItems: number;
  readonly comments: number;
  readonly attachments: number;
  readonly members: { readonly matched: readonly MatchedMember[]; readonly unmatched: readonly UnmatchedMember[] };
}

/** What `?preview=1` answers: nothing is written yet. */
export interface ImportPreview extends ImportCounts {
  readonly boardName: string;
  readonly warnings: readonly string[];
}

/** What a finished import reports, with everything it could not map. */
export interface ImportReport extends ImportCounts {
  readonly skipped: readonly { readonly what: string; readonly reason: string }[];
}

export interface ImportedBoard {
  readonly id: string;
  readonly title: string;
}

/** How an import ended: a new board, or the same export was imported into this team before. */
export type ImportOutcome =
  | { readonly kind: 'imported'; readonly board: ImportedBoard; readonly report: ImportReport }
  | { readonly kind: 'duplicate'; readonly boardId: string; readonly message: string };

/** Sends an export; both calls report upload progress from 0 to 1 and throw `ApiError` on other errors. */
export interface Importer {
  readonly preview: (source: ImportSource, file: File, onProgress: (f: number) => void) => Promise<ImportPreview>;
  readonly run: (source: ImportSource, file: File, onProgress: (f: number) => void) => Promise<ImportOutcome>;
}

/** The board an `already_imported` answer names, if it names one. */
const duplicateOf = (body: string): string | null => {
  try {
    const boardId = (JSON.parse(body) as { error?: { boardId?: unknown } }).error?.boardId;
    return typeof boardId === 'string' ? boardId : null;
  } catch {
    return null;
  }
};

/** The error of an answer; a proxy's bare 413 still reads as "too large". */
const failure = (res: UploadAnswer): ApiError =>
  res.status === 413
    ? apiErrorOf(res.status, res.body, 'payload_too_large', 'The file is too large to import.')
    : apiErrorOf(res.status, res.body);

/** The importer of one team, over `POST /api/teams/:teamId/imports/:source`. */
export const teamImporter = (api: ApiClient, teamId: string): Importer => {
  const url = (source: ImportSource, preview: boolean) =>
    `/api/teams/${encodeURIComponent(teamId)}/imports/${source}${preview ? '?preview=1' : ''}`;
  return {
    preview: async (source, file, onProgress) => {
      const res = await uploadFile(api, url(source, true), file, onProgress);
      if (res.status === 200) return (JSON.parse(res.body) as { preview: ImportPreview }).preview;
      throw failure(res);
    },
    run: async (source, file, onProgress) => {
      const res = await uploadFile(api, url(source, false), file, onProgress);
      if (res.status === 201) {
        const { board, report } = JSON.parse(res.body) as { board: ImportedBoard; report: ImportReport };
        return { kind: 'imported', board, report };
      }
      const err = failure(res);
      const boardId = err.code === 'already_imported' ? duplicateOf(res.body) : null;
      if (boardId !== null) return { kind: 'duplicate', boardId, message: err.message };
      throw err;
    },
  };
};

/** What went wrong, in words a person can act on: the server's own message for what it refused. */
export const importProblem = (err: unknown): string =>
  err instanceof ApiError ? err.message : 'The export could not be sent: the server could not be reached.';
