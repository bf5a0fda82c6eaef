import { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import sharp from 'sharp';
import type { Thumbnailer } from '../../application/ports';

/**
 * Largest image decoded, in pixels (about 40 megapixels, 8000 × 5000). A small file can claim a huge
 * canvas (a decompression bomb); sharp refuses it from the header before allocating the pixels.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

// Thumbnails are made once per upload: libvips' operation cache would only hold memory.
sharp.cache(false);

/** Thumbnails with sharp (libvips): the first frame, turned upright, fit inside a square, as WebP. */
export class SharpThumbnailer implements Thumbnailer {
  readonly thumbnail: Thumbnailer['thumbnail'] = (image, maxSide) => async () => {
    const transform = sharp({ limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 });
    const source = Readable.from(image, { objectMode: false });
    source.on('error', (err) => transform.destroy(err));
    source.pipe(transform);
    try {
      return E.right(new Uint8Array(await transform.toBuffer()));
    } catch {
      source.destroy();
      // Not an image libvips reads, corrupt, or over the pixel limit: the file simply has no preview.
      return E.right(null);
    }
  };
}
