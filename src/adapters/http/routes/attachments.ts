import { once } from 'node:events';
import { Router, type RequestHandler, type Response } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { Application, AttachmentDownload } from '../../../application/api';
import { ATTACHMENT_LIMITS, Uuid } from '../../../domain';
import { CardParams } from '../codecs';
import { decodeTE } from '../decode';
import { sendAppError } from '../errors';
import { created, ok, route } from '../handle';
import { routeTemplate } from '../middleware/metrics';
import { actorOf, originOf } from '../middleware/auth';
import { drainUpload, receiveFile, type FilePart } from '../multipart';

const AttachmentParams = t.type({ ...CardParams.props, attachmentId: Uuid });

/** RFC 5987 `filename*`: percent-encoded UTF-8, with the characters that form allows left alone. */
const encodeRfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Content-Disposition for a download: always `attachment`, an ASCII fallback and the UTF-8 name. */
export const contentDisposition = (name: string): string => {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
};

/** Text is only ever sniffed as valid UTF-8, so it is labelled as such. */
const withCharset = (type: string): string => (type.startsWith('text/') ? `${type}; charset=utf-8` : type);

/**
 * Sends a stored file so no browser ever renders it from our origin: as an attachment, with the
 * sniffed allow-listed type, `nosniff`, and a CSP that forbids everything even if it were rendered.
 */
const sendFile = async (res: Response, { attachment, blob }: AttachmentDownload, name: string): Promise<void> => {
  res.status(200).set({
    'Content-Type': withCharset(blob.contentType),
    'Content-Length': String(blob.size),
    'Content-Disposition': contentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private',
    ETag: `"${blob.sha256}"`,
    'X-Attachment-Id': attachment.id,
  });
  await writeChunks(res, blob.chunks);
};

/**
 * Writes chunks one at a time, each only after the socket took the last (a Readable in between would
 * read 16 chunks ahead). A client that hangs up stops the reading; a blob that breaks mid-way aborts
 * the response, so a truncated file never passes for a whole one.
 */
const writeChunks = async (res: Response, chunks: AsyncIterable<Uint8Array>): Promise<void> => {
  const gone = new Promise<void>((resolve) => res.once('close', resolve));
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), gone]);
    }
    res.end();
  } catch {
    res.destroy();
  }
};

const download =
  (read: Application['attachments']['download'], nameOf: (d: AttachmentDownload) => string): RequestHandler =>
  async (req, res) => {
    res.locals.routed = routeTemplate(req, res);
    const result = await pipe(
      decodeTE(AttachmentParams, 'params', req.params),
      TE.chain((p) => read(actorOf(res), p, p.cardId, p.attachmentId)),
    )();
    if (E.isLeft(result)) return sendAppError(res, result.left);
    await sendFile(res, result.right, nameOf(result.right));
  };

/**
 * Upload: the application reads the multipart body only after it authorized the caller and found the
 * card (so nobody else's bytes are ever parsed); the file reaches it as it streams in, and whatever of
 * the body is left unread is dropped.
 */
const upload =
  (application: Application): RequestHandler =>
  async (req, res, next) => {
    let part: FilePart | null = null;
    await route((rq, rs) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(CardParams, 'params', rq.params)),
        TE.apS('origin', originOf(rq, actorOf(rs))),
        TE.chain(({ p, origin }) =>
          application.attachments.upload(
            actorOf(rs),
            p,
            p.cardId,
            // The body is read only once the caller may attach files to this card.
            () =>
              pipe(
                receiveFile(rq, ATTACHMENT_LIMITS.maxBytes),
                TE.chainFirstIOK((file) => () => {
                  part = file;
                }),
              ),
            origin,
          ),
        ),
        TE.map((m) => {
          drainUpload(rq, rs, part);
          return created({ attachment: m.value, seq: m.seq });
        }),
        TE.orElseFirstIOK(() => () => drainUpload(rq, rs, part)),
      ),
    )(req, res, next);
  };

/** Files on a card: upload (multipart field `file`), download, thumbnail, delete. */
export const attachmentsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  const attachments = application.attachments;
  // Uploads answer JSON that must not be kept; files are the caller's own, for this browser only.
  router.post('/', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.post('/', upload(application));
  router.get(
    '/:attachmentId',
    download(attachments.download, (d) => d.attachment.name),
  );
  router.get(
    '/:attachmentId/thumbnail',
    download(attachments.thumbnail, (d) => `${d.attachment.name.replace(/\.[^.]*$/, '')}-thumbnail.webp`),
  );
  router.delete(
    '/:attachmentId',
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    },
    route((req, res) =>
      pipe(
        TE.Do,
        TE.apS('p', decodeTE(AttachmentParams, 'params', req.params)),
        TE.apS('origin', originOf(req, actorOf(res))),
        TE.chain(({ p, origin }) => attachments.remove(actorOf(res), p, p.cardId, p.attachmentId, origin)),
        TE.map((m) => ok({ deleted: m.value.id, seq: m.seq })),
      ),
    ),
  );
  return router;
};
