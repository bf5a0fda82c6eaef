import { createHash } from 'node:crypto';
import { tooLarge, validation, type AppError } from '../../domain';
import type { BlobInfo } from '../../application/ports';
import { SNIFF_BYTES, sniffType } from '../../application/attachments/sniff';

/** Bytes per stored chunk: big enough to keep rows few, small enough to never matter in memory. */
export const CHUNK_BYTES = 256 * 1024;

/** A refusal met while reading an upload; the adapter turns it back into its `AppError`. */
export class BlobRefused extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export const fileTooLarge = (maxBytes: number): AppError =>
  tooLarge(`A file may be at most ${Math.floor(maxBytes / (1024 * 1024))} MB`, 'file_too_large');
export const quotaExceeded = (): AppError => tooLarge("The team's storage quota is used up", 'quota_exceeded');
export const interrupted = (): AppError => validation('The upload was interrupted', 'upload_interrupted');
export const emptyFile = (): AppError => validation('The file is empty', 'empty_file');

/** What a metered upload turned out to be, known once its chunks were all read. */
export interface Metered {
  /** The upload in chunks of `CHUNK_BYTES` (the last one shorter), each numbered from 0. */
  readonly chunks: AsyncIterable<{ readonly n: number; readonly data: Buffer }>;
  /** Size, digest and sniffed type; only after `chunks` was read to the end. */
  readonly info: () => BlobInfo;
}

/**
 * Re-chunks an upload to `CHUNK_BYTES`, hashing, counting and sniffing it as it passes. Past
 * `maxBytes` (the file limit) or `room` (what is left of the quota) it throws `BlobRefused` at once,
 * before the rest is read; an upload of no bytes throws `empty_file` at its end.
 */
export const meter = (data: AsyncIterable<Uint8Array>, limits: { maxBytes: number; room: number }): Metered => {
  const hash = createHash('sha256');
  let size = 0;
  let contentType: string | null = null;
  let finished = false;
  let digest: string | null = null;
  async function* chunks() {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let n = 0;
    const take = (bytes: number): Buffer => {
      const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      const out = all.subarray(0, bytes);
      const rest = all.subarray(bytes);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
      contentType ??= sniffType(out.subarray(0, SNIFF_BYTES), false);
      return out;
    };
    const source = data[Symbol.asyncIterator]();
    for (;;) {
      const next = await source.next().catch((err: unknown) => {
        // The sender went away or its stream broke: the upload is refused, not a server fault.
        if (err instanceof BlobRefused) throw err;
        throw new BlobRefused(interrupted());
      });
      if (next.done === true) break;
      const piece = next.value;
      size += piece.length;
      if (size > limits.maxBytes) {
        await source.return?.();
        throw new BlobRefused(fileTooLarge(limits.maxBytes));
      }
      if (size > limits.room) {
        await source.return?.();
        throw new BlobRefused(quotaExceeded());
      }
      hash.update(piece);
      pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.length));
      pendingBytes += piece.length;
      while (pendingBytes >= CHUNK_BYTES) yield { n: n++, data: take(CHUNK_BYTES) };
    }
    if (size === 0) throw new BlobRefused(emptyFile());
    if (pendingBytes > 0) {
      // The whole file fits in the sample: sniff it as complete (its last character is not cut off).
      if (n === 0) contentType = sniffType(Buffer.concat(pending).subarray(0, SNIFF_BYTES), size <= SNIFF_BYTES);
      yield { n: n++, data: take(pendingBytes) };
    }
    finished = true;
  }
  return {
    chunks: chunks(),
    info: () => {
      if (!finished) throw new Error('meter: info() asked before the upload was read to its end');
      digest ??= hash.digest('hex');
      return { size, sha256: digest, contentType: contentType ?? 'application/octet-stream' };
    },
  };
};
