import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, TeamId, Uuid } from '../../domain';

/** Bounds one upload must stay within; past either, nothing is stored. */
export interface BlobLimits {
  /** Largest blob in bytes (`too_large/file_too_large`). */
  readonly maxBytes: number;
  /** The team's storage quota in bytes, this blob included (`too_large/quota_exceeded`). */
  readonly quotaBytes: number;
}

/** What was stored: its length, SHA-256 (hex) and the type sniffed from its first bytes. */
export interface BlobInfo {
  readonly size: number;
  readonly sha256: string;
  readonly contentType: string;
}

/** A stored blob to read: its description, and its bytes read chunk by chunk as they are consumed. */
export interface BlobRead extends BlobInfo {
  readonly chunks: AsyncIterable<Uint8Array>;
}

/**
 * Files of a team, kept where the team's data lives (its shard) so a tenant move carries them. Bytes
 * travel as async iterables in chunks both ways; no adapter ever holds a whole blob in memory.
 */
export interface BlobStore {
  /**
   * Streams `data` into a new blob. It becomes visible (to `get` and `usage`) only once every byte is
   * stored; an empty stream (`validation/empty_file`), a blob over `maxBytes`, a team over its quota or
   * a failing stream leaves nothing behind. The type is sniffed from the bytes, never taken from a caller.
   */
  readonly put: (
    teamId: TeamId,
    blobId: Uuid,
    data: AsyncIterable<Uint8Array>,
    limits: BlobLimits,
  ) => TaskEither<AppError, BlobInfo>;
  /** A complete blob of the team; another team's id or an unfinished upload is `not_found`. */
  readonly get: (teamId: TeamId, blobId: Uuid) => TaskEither<AppError, BlobRead>;
  /** Deletes a blob and its bytes; deleting one that is not there succeeds. */
  readonly delete: (teamId: TeamId, blobId: Uuid) => TaskEither<AppError, void>;
  /** Bytes of the team's complete blobs: what counts against its quota. */
  readonly usage: (teamId: TeamId) => TaskEither<AppError, number>;
}

/** Makes a small preview of an image: for covers and lists of attachments. */
export interface Thumbnailer {
  /**
   * A preview at most `maxSide` pixels on a side (WebP), or null when the bytes are no image it can
   * decode or the image is too large to decode safely (a decompression bomb).
   */
  readonly thumbnail: (image: AsyncIterable<Uint8Array>, maxSide: number) => TaskEither<AppError, Uint8Array | null>;
}
