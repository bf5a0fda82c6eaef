import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { validation, type AppError } from '../../domain';

/** The one file of a multipart upload, as it arrives. */
export interface FilePart {
  readonly name: string;
  readonly data: Readable;
}

const notMultipart = (): AppError =>
  validation('Send the file as multipart/form-data in a field named "file"', 'multipart_required');

/**
 * Starts reading a multipart body and answers as soon as the part named `file` begins, with its bytes
 * still streaming in (never buffered whole). Other parts are skipped; a body that ends without the
 * part, or that is not multipart, is a 400.
 */
export const receiveFile =
  (req: Request, maxBytes: number): TE.TaskEither<AppError, FilePart> =>
  () =>
    new Promise((resolve) => {
      let settled = false;
      const settle = (r: E.Either<AppError, FilePart>) => {
        if (!settled) resolve(r);
        settled = true;
      };
      let parser: busboy.Busboy;
      try {
        // One byte over the limit is enough for the upload to be refused as too large, not cut short.
        parser = busboy({
          headers: req.headers,
          // File names are UTF-8 as browsers send them, not Latin-1 as the multipart default reads them.
          defParamCharset: 'utf8',
          limits: { files: 1, fileSize: maxBytes + 1, fields: 20, parts: 25 },
        });
      } catch {
        settle(E.left(notMultipart()));
        return;
      }
      parser.on('file', (field, stream, info) => {
        if (field !== 'file' || settled) {
          stream.resume();
          return;
        }
        settle(E.right({ name: info.filename ?? 'file', data: stream }));
      });
      parser.on('error', () =>
        settle(E.left(validation('The multipart body could not be read', 'malformed_multipart'))),
      );
      parser.on('close', () => settle(E.left(notMultipart())));
      unpipeOnAbort(req, parser);
      req.pipe(parser);
    });

/** A client that hangs up mid-upload must not leave the parser waiting. */
const unpipeOnAbort = (req: Request, parser: busboy.Busboy) => {
  req.on('aborted', () => {
    req.unpipe(parser);
    parser.destroy(new Error('client aborted'));
  });
};

/**
 * After the answer to an upload: whatever of the body is still unread (a refused file, an error
 * before it was read) is read and dropped, so the client gets the answer instead of a reset, and the
 * connection is not reused.
 */
export const drainUpload = (req: Request, res: Response, part: FilePart | null): void => {
  if (req.complete) return;
  res.set('Connection', 'close');
  part?.data.resume();
  req.resume();
};
