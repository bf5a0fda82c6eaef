import type { Response } from 'express';
import type { AppError } from '../../domain';

/** An error that only exists at the HTTP edge (transport problems the use cases never see). */
export interface HttpProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The one place an `AppError` becomes an HTTP status; the switch is exhaustive so a new kind fails to compile. */
export const problemOf = (error: AppError): HttpProblem => {
  const base = { code: error.code, message: error.message };
  switch (error.kind) {
    case 'validation':
      return { ...base, status: 400 };
    case 'unauthenticated':
      return { ...base, status: 401, headers: { 'WWW-Authenticate': 'Bearer' } };
    case 'forbidden':
      return { ...base, status: 403 };
    case 'not_found':
      return { ...base, status: 404 };
    case 'conflict':
      return { ...base, status: 409 };
    case 'unprocessable':
      return { ...base, status: 422 };
    case 'too_large':
      return { ...base, status: 413 };
    case 'rate_limited':
      return { ...base, status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } };
    case 'tenant_moved':
      // Placement changed under the request: the client may retry at once and will be routed anew.
      return { ...base, status: 503, headers: { 'Retry-After': '0' } };
    case 'unavailable':
      return { ...base, status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  }
};

/** Sends `{"error":{"code","message"}}` with the problem's status and headers. */
export const sendProblem = (res: Response, problem: HttpProblem): void => {
  if (problem.headers) res.set(problem.headers);
  res.status(problem.status).json({ error: { code: problem.code, message: problem.message } });
};

export const sendAppError = (res: Response, error: AppError): void => sendProblem(res, problemOf(error));
