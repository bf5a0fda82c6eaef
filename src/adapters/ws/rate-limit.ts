/** A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface RateLimitSettings {
  /** Messages per second a connection may send on average. */
  readonly ratePerSecond: number;
  /** Messages a connection may send at once. */
  readonly burst: number;
  /** Over-limit messages tolerated (refilling at a tenth of the rate) before the socket is closed. */
  readonly patience: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { ratePerSecond: 50, burst: 100, patience: 50 };

export type Verdict = 'accept' | 'drop' | 'close';

/**
 * A connection's message budget. Over-limit messages are dropped; a client that keeps sending past
 * the limit uses up a second, slower bucket of patience and is then disconnected.
 */
export class MessageRateLimiter {
  private readonly messages: TokenBucket;
  private readonly patience: TokenBucket;

  constructor(settings: RateLimitSettings, now: () => number) {
    this.messages = new TokenBucket(settings.ratePerSecond, settings.burst, now);
    this.patience = new TokenBucket(settings.ratePerSecond / 10, settings.patience, now);
  }

  /** What to do with the next message. */
  check(): Verdict {
    if (this.messages.take()) return 'accept';
    return this.patience.take() ? 'drop' : 'close';
  }
}
