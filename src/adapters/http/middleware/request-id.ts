import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { logFields, requestContext } from '../../observability/request-context';

// Accept a caller's id only when it is short and plain, so it is safe to echo and to log.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id or a new one), echoes it, and logs the outcome
 * with the user, team and shard it concerned.
 */
export const requestId =
  (logger: Logger): RequestHandler =>
  (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming !== undefined && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { reqId: id, ...logFields(res), method: req.method, url: req.originalUrl, status: res.statusCode, durationMs },
        'request completed',
      );
    });
    requestContext(() => id)(req, res, next);
  };
