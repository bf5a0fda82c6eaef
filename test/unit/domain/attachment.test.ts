import { attachmentName, thumbnailBlobId, type Uuid } from '../../../src/domain';
import { OCTET_STREAM, sniffType } from '../../../src/application/attachments/sniff';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('sniffing a file type from its first bytes', () => {
  test.each([
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest'), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['a GIF', bytes('GIF89a...'), 'image/gif'],
    ['a WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['an MP4', bytes([0, 0, 0, 0x20], 'ftypisom'), 'video/mp4'],
    ['a zip', bytes([0x50, 0x4b, 0x03, 0x04], 'readme.txt'), 'application/zip'],
    [
      'a Word document',
      bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml word/document.xml'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['UTF-8 text', new TextEncoder().encode('Grüße, team\n'), 'text/plain'],
    ['CSV', new TextEncoder().encode('name,size\nlogo,12\nspec,40\n'), 'text/csv'],
  ])('%s is recognised', (_what, head, type) => {
    expect(sniffType(head, true)).toBe(type);
  });

  test.each([
    ['HTML', '<!DOCTYPE html><p>hi</p>'],
    ['SVG (it can carry script)', '  <svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'],
    ['XML', '<?xml version="1.0"?><a/>'],
  ])('%s is only bytes, never a type a browser would render', (_what, text) => {
    expect(sniffType(new TextEncoder().encode(text), true)).toBe(OCTET_STREAM);
  });

  test('binary that is no known type is only bytes', () => {
    expect(sniffType(bytes([0, 1, 2, 3, 0xfe, 0xff]), true)).toBe(OCTET_STREAM);
  });

  test('a multi-byte character cut at the end of the sample does not make text binary', () => {
    const text = new TextEncoder().encode(`${'a'.repeat(4094)}ü`).subarray(0, 4095);
    expect(sniffType(text, false)).toBe('text/plain');
  });
});

describe('attachment names', () => {
  test.each([
    ['report.pdf', 'report.pdf'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['a"b<c>|d?.txt', 'a_b_c__d_.txt'],
    ['evil\u202etxt.exe', 'evil_txt.exe'],
    ['line\nbreak.txt', 'line_break.txt'],
    ['   ', 'file'],
    ['..', 'file'],
  ])('%j is kept as %j', (raw, safe) => {
    expect(attachmentName(raw)).toBe(safe);
  });

  test('a long name is cut to 200 characters', () => {
    expect(attachmentName(`${'x'.repeat(300)}.txt`)).toHaveLength(200);
  });
});

test("a thumbnail's blob id is its file's id as a UUIDv8, never another server id", () => {
  const id = '01890a5d-ac96-774b-bcce-b302099a8057' as Uuid;
  expect(thumbnailBlobId(id)).toBe('01890a5d-ac96-874b-bcce-b302099a8057');
});
