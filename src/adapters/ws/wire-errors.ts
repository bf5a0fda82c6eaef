import type { AppError } from '../../domain';
import type { WireError } from './frames';

/** WebSocket close codes the gateway uses (docs/protocol.md, "Close codes"). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  tooBig: 1009,
  /** The token could not be checked right now (the denylist is unreachable). */
  tryAgainLater: 1013,
  unauthenticated: 4401,
  /** Kept sending over the rate limit, too many frames waiting, or too many sockets for the user. */
  rateLimited: 4429,
  /** The user lost access to a team whose board the socket watched. */
  revoked: 4403,
} as const;

/**
 * The one place an `AppError` becomes a frame's error; exhaustive, so a new kind fails to compile.
 * Retryable errors did not consume the mutation id: the client resends the same `mid`.
 */
export const wireError = (error: AppError): WireError => {
  const base = { code: error.code, message: error.message };
  switch (error.kind) {
    case 'validation':
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'unprocessable':
    case 'too_large':
      return { ...base, retryable: false };
    case 'rate_limited':
    case 'tenant_moved':
    case 'unavailable':
      return { ...base, retryable: true };
  }
};
