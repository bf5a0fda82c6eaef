import { createHash } from 'node:crypto';

/** A JSON response body prepared once for many requests: its UTF-8 bytes and their ETag. */
export interface PreparedBody {
  readonly bytes: Buffer;
  readonly etag: string;
}

/**
 * Bodies by the object whose text they hold (the engine's shared snapshot of one seq): a weak map, so
 * a body lives exactly as long as the engine keeps, or a request still holds, that object.
 */
const prepared = new WeakMap<object, PreparedBody>();

/** Express's default (weak) ETag of a body, so a prepared body validates like any other response. */
const weakEtag = (bytes: Buffer): string =>
  `W/"${bytes.length.toString(16)}-${createHash('sha1').update(bytes).digest('base64').substring(0, 27)}"`;

/**
 * The body for JSON text shared by many requests, encoded and hashed on the first of them: a
 * 5,000-card snapshot is 3 MB, whose UTF-8 encoding and ETag hash would otherwise be paid per request.
 */
export const preparedBody = (owner: object, json: string): PreparedBody => {
  const known = prepared.get(owner);
  if (known) return known;
  const bytes = Buffer.from(json, 'utf8');
  const body = { bytes, etag: weakEtag(bytes) };
  prepared.set(owner, body);
  return body;
};
