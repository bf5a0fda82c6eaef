/**
 * One error union for everything a user (or lost infrastructure the user must hear about) can cause.
 * Adapters map `kind` to an HTTP status or WS error code in exactly one place each.
 */
export type AppError =
  | { readonly kind: 'validation'; readonly code: string; readonly message: string }
  | { readonly kind: 'unauthenticated'; readonly code: string; readonly message: string }
  | { readonly kind: 'forbidden'; readonly code: string; readonly message: string }
  | { readonly kind: 'not_found'; readonly code: string; readonly message: string }
  | { readonly kind: 'conflict'; readonly code: string; readonly message: string }
  | {
      readonly kind: 'rate_limited';
      readonly code: string;
      readonly message: string;
      readonly retryAfterSeconds: number;
    }
  /** Well-formed but refused as a whole, e.g. an idempotency key reused with a different request. */
  | { readonly kind: 'unprocessable'; readonly code: string; readonly message: string }
  /** The request's content is bigger than allowed (a file over its size, a team over its storage quota). */
  | { readonly kind: 'too_large'; readonly code: string; readonly message: string }
  /** The team moved to another shard after placement was read; safe to retry after re-reading placement. */
  | { readonly kind: 'tenant_moved'; readonly code: string; readonly message: string }
  /** A backing store for this request is down or too slow; retry later. */
  | {
      readonly kind: 'unavailable';
      readonly code: string;
      readonly message: string;
      readonly retryAfterSeconds: number;
    };

export type AppErrorKind = AppError['kind'];

export const validation = (message: string, code = 'invalid_input'): AppError => ({
  kind: 'validation',
  code,
  message,
});
export const unauthenticated = (message = 'Authentication required', code = 'unauthenticated'): AppError => ({
  kind: 'unauthenticated',
  code,
  message,
});
export const forbidden = (message: string, code = 'forbidden'): AppError => ({ kind: 'forbidden', code, message });
export const notFound = (entity: string, code = 'not_found'): AppError => ({
  kind: 'not_found',
  code,
  message: `${entity} not found`,
});
export const conflict = (message: string, code = 'conflict'): AppError => ({ kind: 'conflict', code, message });
export const unprocessable = (message: string, code: string): AppError => ({ kind: 'unprocessable', code, message });
export const tooLarge = (message: string, code: string): AppError => ({ kind: 'too_large', code, message });
/** Stripe's rule: a key names one request; the same key with another request is an error, not a replay. */
export const idempotencyKeyReused = (): AppError =>
  unprocessable(
    'This Idempotency-Key was already used for a different request; use a new key for a new change',
    'idempotency_key_reused',
  );
export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests'): AppError => ({
  kind: 'rate_limited',
  code: 'rate_limited',
  message,
  retryAfterSeconds,
});
export const tenantMoved = (message = 'Team placement changed; retry'): AppError => ({
  kind: 'tenant_moved',
  code: 'tenant_moved',
  message,
});
export const unavailable = (message: string, retryAfterSeconds = 2): AppError => ({
  kind: 'unavailable',
  code: 'unavailable',
  message,
  retryAfterSeconds,
});
