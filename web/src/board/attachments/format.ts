import { ApiError } from '../../api/client';
import { ATTACHMENT_LIMITS } from '../../../../src/domain/attachment';

/** A byte count as people read it: 912 B, 4.2 KB, 18.5 MB. */
export const formatSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
};

/** The largest file, for the hint under the upload button and the check before sending. */
export const MAX_FILE_LABEL = formatSize(ATTACHMENT_LIMITS.maxBytes);

/** What went wrong with an upload, in words a person can act on. */
export const uploadProblem = (err: unknown, name: string): string => {
  if (!(err instanceof ApiError)) return `“${name}” could not be uploaded: the server could not be reached.`;
  switch (err.code) {
    case 'file_too_large':
      return `“${name}” is too large: files can be at most ${MAX_FILE_LABEL}.`;
    case 'quota_exceeded':
      return `“${name}” does not fit: the team has used up its storage. Delete files it no longer needs.`;
    case 'empty_file':
      return `“${name}” is empty.`;
    default:
      return `“${name}” could not be uploaded: ${err.message}`;
  }
};
