import { createHash, randomBytes } from 'node:crypto';
import type { BlobStore } from '../../src/application/ports';
import { fail, newId, ok, type Subject } from './fixtures';

const MB = 1024 * 1024;
const roomy = { maxBytes: 25 * MB, quotaBytes: 100 * MB };

/** An upload as a client sends it: the bytes in uneven pieces. */
async function* pieces(bytes: Buffer, size = 100_000): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Reads a blob back and notes the largest chunk it came in. */
const readAll = async (chunks: AsyncIterable<Uint8Array>) => {
  const parts: Buffer[] = [];
  let largest = 0;
  for await (const c of chunks) {
    parts.push(Buffer.from(c));
    largest = Math.max(largest, c.length);
  }
  return { bytes: Buffer.concat(parts), largest, count: parts.length };
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The BlobStore contract: every adapter (memory, Postgres) must pass it unchanged. */
export const registerBlobStoreContract = (name: string, factory: () => Promise<Subject<BlobStore>>): void => {
  describe(`BlobStore contract: ${name}`, () => {
    let subject: Subject<BlobStore>;
    let blobs: BlobStore;

    beforeAll(async () => {
      subject = await factory();
      blobs = subject.port;
    });
    afterAll(() => subject.close());

    it('a stored file reads back byte for byte, in chunks, with its size and digest', async () => {
      const team = newId();
      const id = newId();
      const bytes = randomBytes(700_000);
      const info = await ok(blobs.put(team, id, pieces(bytes), roomy));
      expect(info).toEqual({ size: 700_000, sha256: sha256(bytes), contentType: 'application/octet-stream' });
      const read = await ok(blobs.get(team, id));
      expect({ size: read.size, sha256: read.sha256 }).toEqual({ size: 700_000, sha256: sha256(bytes) });
      const back = await readAll(read.chunks);
      expect(back.bytes.equals(bytes)).toBe(true);
      expect(back.count).toBeGreaterThan(1);
      expect(back.largest).toBeLessThanOrEqual(256 * 1024);
      expect(await ok(blobs.usage(team))).toBe(700_000);
    });

    it('the type is sniffed from the bytes: a PNG is an image, HTML is only bytes', async () => {
      const team = newId();
      const png = await ok(blobs.put(team, newId(), pieces(Buffer.concat([PNG_HEAD, randomBytes(50)])), roomy));
      expect(png.contentType).toBe('image/png');
      const html = await ok(blobs.put(team, newId(), pieces(Buffer.from('<!DOCTYPE html><script>x</script>')), roomy));
      expect(html.contentType).toBe('application/octet-stream');
      const text = await ok(blobs.put(team, newId(), pieces(Buffer.from('Grüße\nfrom the team\n')), roomy));
      expect(text.contentType).toBe('text/plain');
    });

    it('a file over the size limit is refused and nothing of it stays', async () => {
      const team = newId();
      const id = newId();
      const error = await fail(blobs.put(team, id, pieces(randomBytes(300_000)), { ...roomy, maxBytes: 200_000 }));
      expect(error).toMatchObject({ kind: 'too_large', code: 'file_too_large' });
      expect((await fail(blobs.get(team, id))).kind).toBe('not_found');
      expect(await ok(blobs.usage(team))).toBe(0);
    });

    it('an upload over the size limit stops reading its source', async () => {
      let pulled = 0;
      async function* endless() {
        for (;;) {
          pulled += 1;
          yield Buffer.alloc(64 * 1024);
        }
      }
      const error = await fail(blobs.put(newId(), newId(), endless(), { ...roomy, maxBytes: MB }));
      expect(error.code).toBe('file_too_large');
      expect(pulled).toBeLessThanOrEqual(17);
    });

    it('an empty file is refused', async () => {
      const team = newId();
      const id = newId();
      expect(await fail(blobs.put(team, id, pieces(Buffer.alloc(0)), roomy))).toMatchObject({
        kind: 'validation',
        code: 'empty_file',
      });
      expect((await fail(blobs.get(team, id))).kind).toBe('not_found');
    });

    it("a file that would take the team over its quota is refused; other teams' files do not count", async () => {
      const team = newId();
      await ok(blobs.put(newId(), newId(), pieces(randomBytes(900)), { maxBytes: 1000, quotaBytes: 1000 }));
      await ok(blobs.put(team, newId(), pieces(randomBytes(600)), { maxBytes: 1000, quotaBytes: 1000 }));
      const id = newId();
      const error = await fail(blobs.put(team, id, pieces(randomBytes(500)), { maxBytes: 1000, quotaBytes: 1000 }));
      expect(error).toMatchObject({ kind: 'too_large', code: 'quota_exceeded' });
      expect((await fail(blobs.get(team, id))).kind).toBe('not_found');
      expect(await ok(blobs.usage(team))).toBe(600);
    });

    it('an upload whose source fails leaves nothing behind', async () => {
      const team = newId();
      const id = newId();
      async function* broken() {
        yield randomBytes(300_000);
        throw new Error('client went away');
      }
      await expect(blobs.put(team, id, broken(), roomy)()).resolves.toMatchObject({ _tag: 'Left' });
      expect((await fail(blobs.get(team, id))).kind).toBe('not_found');
      expect(await ok(blobs.usage(team))).toBe(0);
    });

    it("another team's blob is not found, under its own id", async () => {
      const id = newId();
      await ok(blobs.put(newId(), id, pieces(randomBytes(10)), roomy));
      expect((await fail(blobs.get(newId(), id))).kind).toBe('not_found');
    });

    it('a deleted blob is gone and no longer counts; deleting again is fine', async () => {
      const team = newId();
      const id = newId();
      await ok(blobs.put(team, id, pieces(randomBytes(5000)), roomy));
      await ok(blobs.delete(team, id));
      await ok(blobs.delete(team, id));
      expect((await fail(blobs.get(team, id))).kind).toBe('not_found');
      expect(await ok(blobs.usage(team))).toBe(0);
    });
  });
};
