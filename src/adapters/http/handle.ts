import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { ExportFile } from '../../application/api';
import type { AppError } from '../../domain';
import { sendAppError } from './errors';
import { routeTemplate } from './middleware/metrics';
import type { PreparedBody } from './shared-body';

/**
 * What a route answers on success: JSON (a value, or a body prepared once for many requests), a file
 * download or an empty body, plus any cookie to set.
 */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly prepared?: PreparedBody;
  readonly file?: ExportFile;
  readonly cookies?: (res: Response) => void;
}

export const ok = (json: unknown): Reply => ({ status: 200, json });
export const created = (json: unknown): Reply => ({ status: 201, json });
export const noContent: Reply = { status: 204 };

/** Writes a file's chunks as they come; the pipeline waits for a slow reader and stops for a gone one. */
const streamFile = async (res: Response, status: number, file: ExportFile): Promise<void> => {
  // The filename comes from the application (board title); plain ASCII keeps the header valid.
  const filename = file.filename.replace(/[^\w.-]+/g, '_');
  res.status(status).type(file.contentType).set('Content-Disposition', `attachment; filename="${filename}"`);
  // A client that hangs up mid-download is not an error of ours.
  await pipeline(Readable.from(file.chunks), res).catch(() => undefined);
};

const send = async (res: Response, reply: Reply): Promise<void> => {
  reply.cookies?.(res);
  if (reply.file) {
    await streamFile(res, reply.status, reply.file);
  } else if (reply.prepared) {
    // With the ETag set, express neither hashes the body again nor answers a fresh one with more than 304.
    res
      .status(reply.status)
      .set({ 'Content-Type': 'application/json; charset=utf-8', ETag: reply.prepared.etag })
      .send(reply.prepared.bytes);
  } else if (reply.json !== undefined) {
    res.status(reply.status).json(reply.json);
  } else {
    res.status(reply.status).end();
  }
};

/** Runs a route as a TaskEither: a Left becomes the mapped error response, a Right the reply. */
export const route =
  (run: (req: Request, res: Response) => TaskEither<AppError, Reply>): RequestHandler =>
  async (req, res) => {
    res.locals.routed = routeTemplate(req, res);
    const result = await run(req, res)();
    if (E.isLeft(result)) sendAppError(res, result.left);
    else await send(res, result.right);
  };
