import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { Router, type Request, type RequestHandler } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { Application } from '../../../application/api';
import type { ImportSource } from '../../../application/imports/import-board.use-case';
import type { ParsedUpload } from '../../../application/imports/import-plan';
import { tooLarge, validation, Uuid, type AppError, type TeamId } from '../../../domain';
import { decodeTE } from '../decode';
import { created, ok, route } from '../handle';
import { actorOf } from '../middleware/auth';
import { drainUpload, receiveFile, type FilePart } from '../multipart';

/** The largest export accepted: Trello's own exports of big boards stay well under it. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const ImportParams = t.type({ teamId: Uuid, source: t.keyof({ trello: null, boardroom: null }) });

const notJson = (): AppError => validation('The file is not valid JSON', 'invalid_import');
const overLimit = (): AppError =>
  tooLarge(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, 'payload_too_large');

/**
 * Reads the upload as it streams in: bytes are hashed and decoded into one string as they arrive (no
 * chunk list, no second buffer), refused once past the limit, then parsed once. The digest names the
 * source and team too, so the same file imported into another team is another import.
 */
const readExport = async (
  part: FilePart,
  source: ImportSource,
  teamId: TeamId,
): Promise<E.Either<AppError, ParsedUpload>> => {
  const hash = createHash('sha256').update(`boardroom-import\n${source}\n${teamId}\n`);
  const decoder = new StringDecoder('utf8');
  let text = '';
  let bytes = 0;
  for await (const chunk of part.data as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_IMPORT_BYTES) return E.left(overLimit());
    hash.update(chunk);
    text += decoder.write(chunk);
  }
  text += decoder.end();
  try {
    // A byte-order mark is not JSON, but editors on Windows write one.
    return E.right({ json: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown, sha256: hash.digest('hex') });
  } catch {
    return E.left(notJson());
  }
};

const upload =
  (application: Application): RequestHandler =>
  async (req, res, next) => {
    let part: FilePart | null = null;
    const preview = req.query.preview === '1' || req.query.preview === 'true';
    await route((rq: Request, rs) =>
      pipe(
        decodeTE(ImportParams, 'params', rq.params),
        TE.chain((p) =>
          application.imports.run(
            actorOf(rs),
            p.teamId,
            p.source,
            // The body is read only once the caller may create boards in this team.
            () =>
              pipe(
                receiveFile(rq, MAX_IMPORT_BYTES),
                TE.chain((file) => {
                  part = file;
                  return () => readExport(file, p.source, p.teamId);
                }),
              ),
            { preview },
          ),
        ),
        TE.map((outcome) => {
          drainUpload(rq, rs, part);
          switch (outcome.kind) {
            case 'preview':
              return ok({ preview: outcome.preview });
            case 'imported':
              return created({ board: outcome.board, report: outcome.report });
            case 'duplicate':
              return { status: 409, json: duplicateBody(outcome.boardId) };
          }
        }),
        TE.orElseFirstIOK(() => () => drainUpload(rq, rs, part)),
      ),
    )(req, res, next);
  };

const duplicateBody = (boardId: string) => ({
  error: {
    code: 'already_imported',
    message: 'This export was already imported into this team',
    boardId,
  },
});

/** `POST /api/teams/:teamId/imports/{trello|boardroom}[?preview=1]`, multipart field `file`. */
export const importsRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  router.post('/:source', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.post('/:source', upload(application));
  return router;
};
