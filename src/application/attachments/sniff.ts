/**
 * The type of a file from its first bytes, from an allow-list; anything else is
 * `application/octet-stream`. What the client claims is never used: a browser shown a file it may
 * render (HTML, SVG) from our origin would run it, so only types known to be inert are named.
 */

/** How many leading bytes `sniffType` looks at. */
export const SNIFF_BYTES = 4096;

export const OCTET_STREAM = 'application/octet-stream';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Office Open XML files are zips whose first entries name their kind. */
const zipKind = (head: Uint8Array): string => {
  const text = new TextDecoder('latin1').decode(head);
  if (text.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (text.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (text.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return 'application/zip';
};

/** UTF-8 text without controls other than tab, newline, carriage return and form feed. */
const isPlainText = (head: Uint8Array, complete: boolean): boolean => {
  // A multi-byte character cut at the end of the sample is not a decoding error.
  const sample = complete ? head : head.subarray(0, Math.max(0, head.length - 3));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
};

const looksLikeCsv = (head: Uint8Array): boolean => {
  const lines = new TextDecoder()
    .decode(head)
    .split(/\r?\n/)
    .slice(0, 5)
    .filter((l) => l !== '');
  if (lines.length < 2) return false;
  const commas = lines.map((l) => l.split(',').length - 1);
  return commas[0]! > 0 && commas.slice(0, -1).every((n) => n === commas[0]);
};

/**
 * The allow-listed type of a file, from its first `SNIFF_BYTES` bytes. `complete` says the sample is
 * the whole file (so a short text file's last character is not treated as cut off).
 */
export const sniffType = (head: Uint8Array, complete = false): string => {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, ascii('ftyp'), 4)) return 'video/mp4';
  if (startsWith(head, ZIP)) return zipKind(head);
  if (head.length === 0 || !isPlainText(head, complete)) return OCTET_STREAM;
  // Text a browser would render as a document is served as bytes, never as text it might sniff again.
  const lead = new TextDecoder().decode(head.subarray(0, 512)).trimStart().toLowerCase();
  if (/^(<!doctype|<html|<svg|<\?xml|<script|<head|<body|<iframe)/.test(lead)) return OCTET_STREAM;
  return looksLikeCsv(head) ? 'text/csv' : 'text/plain';
};
