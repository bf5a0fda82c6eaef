import type { WireError } from './frames';
import { MessageRateLimiter, type RateLimitSettings } from './rate-limit';
import { CLOSE } from './wire-errors';

export interface InboxLimits {
  readonly maxPayloadBytes: number;
  readonly rateLimit: RateLimitSettings;
  /** Bytes of received frames waiting to be handled; past it the socket is closed (4429). */
  readonly maxPendingBytes: number;
}

/** Why a received frame is not handled: counted under `metric`, told with `error`, or ends the socket. */
export interface Refusal {
  readonly metric: string;
  readonly error?: WireError;
  readonly close?: { readonly code: number; readonly reason: string };
}

const RATE_LIMITED: WireError = { code: 'rate_limited', message: 'Too many messages; slow down', retryable: true };

/**
 * The checks every received frame passes before it is read: its size, the socket's message rate, and
 * the bytes already waiting to be handled (frames are handled one at a time, so a client could
 * otherwise queue work faster than it is done).
 */
export class Inbox {
  private readonly limiter: MessageRateLimiter;
  private pendingBytes = 0;
  private lastRateError = -Infinity;

  constructor(
    private readonly limits: InboxLimits,
    private readonly now: () => number,
  ) {
    this.limiter = new MessageRateLimiter(limits.rateLimit, now);
  }

  /** Null when a frame of `bytes` may be handled; its bytes then count as waiting until `done`. */
  admit(bytes: number): Refusal | null {
    if (bytes > this.limits.maxPayloadBytes) {
      return { metric: 'too_big', close: { code: CLOSE.tooBig, reason: 'frame too big' } };
    }
    const verdict = this.limiter.check();
    if (verdict === 'close') return { metric: 'rate_limit', close: { code: CLOSE.rateLimited, reason: 'rate limit' } };
    if (verdict === 'drop') return { metric: 'rate_limit', ...(this.tellRateLimited() && { error: RATE_LIMITED }) };
    if (this.pendingBytes + bytes > this.limits.maxPendingBytes) {
      return { metric: 'backlog', close: { code: CLOSE.rateLimited, reason: 'too many frames waiting' } };
    }
    this.pendingBytes += bytes;
    return null;
  }

  /** A frame admitted earlier was handled (or turned out unreadable). */
  done(bytes: number): void {
    this.pendingBytes -= bytes;
  }

  // One error frame a second is enough to tell a flooding client; more would feed the flood.
  private tellRateLimited(): boolean {
    if (this.now() - this.lastRateError < 1000) return false;
    this.lastRateError = this.now();
    return true;
  }
}
