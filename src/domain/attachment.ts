import * as t from 'io-ts';
import { Uuid, type UserId } from './ids';

/**
 * A file on a card. The bytes live in the team's blob store (on the team's shard); the card carries only
 * this description, so every client sees attachments arrive and go through the board's events.
 */
export interface Attachment {
  readonly id: Uuid;
  /** The file name as uploaded, made safe to show and to send back (see `attachmentName`). */
  readonly name: string;
  readonly size: number;
  /** The type sniffed from the file's first bytes, from an allow-list; never what the client claimed. */
  readonly contentType: string;
  readonly createdAt: string;
  readonly createdBy: UserId;
  /** Whether a small preview exists (images only). */
  readonly hasThumbnail: boolean;
}

export const AttachmentCodec = t.readonly(
  t.exact(
    t.type({
      id: Uuid,
      name: t.string,
      size: t.number,
      contentType: t.string,
      createdAt: t.string,
      createdBy: Uuid,
      hasThumbnail: t.boolean,
    }),
  ),
  'Attachment',
);

export const ATTACHMENT_LIMITS = {
  /** Largest file: 25 MB. */
  maxBytes: 25 * 1024 * 1024,
  perCard: 100,
  nameLength: 200,
} as const;

/** Types a card can show as its cover (and that get a thumbnail). */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export const isImageAttachment = (a: Pick<Attachment, 'contentType'>): boolean => IMAGE_TYPES.includes(a.contentType);

// Controls, bidi overrides and the characters file systems and headers choke on.
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"\\/:*?<>|]/g;

/**
 * A file name safe to show and to offer back in Content-Disposition: the last path segment, unsafe
 * characters replaced, trimmed, at most 200 characters; `file` when nothing is left.
 */
export const attachmentName = (raw: string): string => {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = [
    ...base
      .replace(UNSAFE_NAME, '_')
      .replace(/[\uD800-\uDFFF]/g, '_')
      .trim(),
  ]
    .slice(0, ATTACHMENT_LIMITS.nameLength)
    .join('')
    .trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'file' : cleaned;
};

/**
 * The blob id of an attachment's thumbnail: its own id as a UUIDv8 (version nibble 8). Server ids are
 * UUIDv7, so the twin never names another file, and no lookup table is needed to find it.
 */
export const thumbnailBlobId = (attachmentId: Uuid): Uuid =>
  `${attachmentId.slice(0, 14)}8${attachmentId.slice(15)}` as Uuid;
