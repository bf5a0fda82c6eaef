import express, { type RequestHandler } from 'express';
import { findUnstorableText } from '../../../domain';
import { sendProblem, type HttpProblem } from '../errors';

/** Keys that could reach an object's prototype if any code ever merged a body into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const hasBody = (req: express.Request): boolean => {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
};

/** A body that is not JSON is refused before it is read. */
const requireJson: RequestHandler = (req, res, next) => {
  if (!hasBody(req) || req.is(['application/json', 'application/*+json']) !== false) return next();
  sendProblem(res, { status: 415, code: 'unsupported_media_type', message: 'Request bodies must be application/json' });
};

/** body-parser's failures, as the clear 4xx a client can act on. */
const bodyProblem = (err: { type?: string; limit?: number }): HttpProblem | null => {
  switch (err.type) {
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', message: `Request body exceeds ${err.limit ?? 'the'} bytes` };
    case 'entity.parse.failed':
      return { status: 400, code: 'malformed_json', message: 'Request body is not valid JSON' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_media_type', message: 'Request body must be UTF-8 JSON' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, code: 'bad_request', message: 'Request body was incomplete' };
    default:
      return null;
  }
};

/** The first forbidden key anywhere in a parsed body; iterative so deep nesting cannot overflow the stack. */
export const findForbiddenKey = (value: unknown): string | null => {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    for (const key of Object.keys(next)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push((next as Record<string, unknown>)[key]);
    }
  }
  return null;
};

const UNSTORABLE: HttpProblem = {
  status: 400,
  code: 'bad_input',
  message: 'Text must not contain NUL characters or unpaired surrogates',
};

/** Query strings with text that could not be stored or compared are refused like such bodies. */
export const rejectUnstorableQuery: RequestHandler = (req, res, next) =>
  findUnstorableText(req.query) === null ? next() : sendProblem(res, UNSTORABLE);

/**
 * JSON body handling: 415 for other media types, 413 over `limit` bytes, 400 for malformed JSON, forbidden
 * keys or text that cannot be stored.
 */
export const jsonBody = (limit: number): RequestHandler[] => {
  const parse = express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
  const parseJson: RequestHandler = (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (err === undefined || err === null) return next();
      const problem = bodyProblem(err as { type?: string; limit?: number });
      return problem ? sendProblem(res, problem) : next(err);
    });
  const rejectForbiddenKeys: RequestHandler = (req, res, next) => {
    const key = findForbiddenKey(req.body);
    if (key !== null) {
      return sendProblem(res, {
        status: 400,
        code: 'forbidden_key',
        message: `Request body must not contain the key "${key}"`,
      });
    }
    if (findUnstorableText(req.body) !== null) return sendProblem(res, UNSTORABLE);
    next();
  };
  return [requireJson, parseJson, rejectForbiddenKeys];
};
