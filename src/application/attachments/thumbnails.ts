import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { thumbnailBlobId, type AppError, type TeamId, type Uuid } from '../../domain';
import type { AppDeps } from '../deps';

/** Longest side of a thumbnail in pixels: sharp on a card front and in the attachment list. */
export const THUMBNAIL_SIDE = 320;
/** A team's storage when the operator sets none: 1 GiB. */
export const DEFAULT_ATTACHMENT_QUOTA = 1024 * 1024 * 1024;

export const quotaOf = (deps: Pick<AppDeps, 'settings'>): number =>
  deps.settings.attachmentQuotaBytes ?? DEFAULT_ATTACHMENT_QUOTA;

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * Makes and stores the thumbnail of a stored image (as the blob `thumbnailBlobId(id)`); answers whether
 * there is one. An image the thumbnailer cannot or will not decode simply has none.
 */
export const storeThumbnail = (deps: AppDeps, teamId: TeamId, id: Uuid): TE.TaskEither<AppError, boolean> =>
  pipe(
    deps.blobs.get(teamId, id),
    TE.chain((image) => deps.thumbnails.thumbnail(image.chunks, THUMBNAIL_SIDE)),
    TE.chain((thumb) =>
      thumb === null
        ? TE.right(false)
        : pipe(
            deps.blobs.put(teamId, thumbnailBlobId(id), once(thumb), {
              maxBytes: Number.MAX_SAFE_INTEGER,
              quotaBytes: Number.MAX_SAFE_INTEGER,
            }),
            TE.map(() => true),
          ),
    ),
  );
