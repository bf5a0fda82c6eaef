import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { notFound, type TeamId, type Uuid } from '../../domain';
import type { BlobInfo, BlobStore } from '../../application/ports';
import { BlobRefused, meter, quotaExceeded } from '../blobs/meter';

interface StoredBlob extends BlobInfo {
  readonly chunks: readonly Buffer[];
}

/**
 * Blobs in process memory (tests, demos, `STORAGE=memory`). Chunks are kept as the upload delivered
 * them and handed back one at a time; a blob is visible only once complete, like the Postgres adapter.
 */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, StoredBlob>();
  private readonly key = (teamId: TeamId, blobId: Uuid) => `${teamId}/${blobId}`;

  private used(teamId: TeamId): number {
    let total = 0;
    for (const [k, blob] of this.blobs) if (k.startsWith(`${teamId}/`)) total += blob.size;
    return total;
  }

  readonly put: BlobStore['put'] = (teamId, blobId, data, limits) => async () => {
    const metered = meter(data, { maxBytes: limits.maxBytes, room: limits.quotaBytes - this.used(teamId) });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of metered.chunks) chunks.push(chunk.data);
    } catch (err) {
      if (err instanceof BlobRefused) return E.left(err.error);
      throw err;
    }
    const info = metered.info();
    // Another upload of the team may have completed meanwhile; the quota holds for the sum.
    if (this.used(teamId) + info.size > limits.quotaBytes) return E.left(quotaExceeded());
    this.blobs.set(this.key(teamId, blobId), { ...info, chunks });
    return E.right(info);
  };

  readonly get: BlobStore['get'] = (teamId, blobId) => {
    const blob = this.blobs.get(this.key(teamId, blobId));
    if (!blob) return TE.left(notFound('File'));
    const { chunks, ...info } = blob;
    async function* read() {
      for (const c of chunks) yield c;
    }
    return TE.right({ ...info, chunks: read() });
  };

  readonly delete: BlobStore['delete'] = (teamId, blobId) =>
    TE.fromIO(() => {
      this.blobs.delete(this.key(teamId, blobId));
    });

  readonly usage: BlobStore['usage'] = (teamId) => TE.fromIO(() => this.used(teamId));
}
