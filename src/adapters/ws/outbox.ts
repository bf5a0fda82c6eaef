import type { FrameData, WebSocketMinimal } from './socket';

/**
 * What a frame carries, for the send buffer's cap: board data (snapshots, catch-up and live events)
 * can be fetched again after a `resync`, so it is refused first; control frames (ack, nack, error,
 * subscribed, resync, …) are small and tell the client what happened, so they get a little headroom.
 */
export type FrameClass = 'data' | 'control';

export interface OutboxLimits {
  /** Above this many unsent bytes a socket is slow: it gets no board data, only control frames. */
  readonly highWaterBytes: number;
  /** Unsent bytes past the high-water mark that control frames may still add; past it the socket is dropped. */
  readonly controlHeadroomBytes: number;
  /** A socket still above the high-water mark this long after it first got there is stuck and dropped. */
  readonly stuckTimeoutMs: number;
}

/** What became of a frame offered to the outbox. */
export type Offer = 'sent' | 'refused' | 'overflow';

/**
 * The one door every frame to a socket goes through, so what a client that does not read can make
 * the server hold is bounded: about the high-water mark, one frame over it and the control headroom.
 * It also starts the stuck clock whenever the socket is above the mark, whatever the frame was.
 */
export class Outbox {
  private slowSince: number | null = null;

  constructor(
    private readonly socket: WebSocketMinimal,
    private readonly limits: OutboxLimits,
    private readonly now: () => number,
  ) {}

  /** Whether the client has more unread than the high-water mark. */
  get slow(): boolean {
    return this.socket.bufferedAmount > this.limits.highWaterBytes;
  }

  /** Sends the frame when the buffer allows it; `overflow` means the socket must be dropped. */
  offer(frame: FrameData, cls: FrameClass): Offer {
    const buffered = this.socket.bufferedAmount;
    if (buffered > this.limits.highWaterBytes) {
      this.slowSince ??= this.now();
      if (cls === 'data') return 'refused';
      if (buffered > this.limits.highWaterBytes + this.limits.controlHeadroomBytes) return 'overflow';
    }
    this.socket.send(frame);
    // One frame may overshoot the mark (a snapshot larger than it must still be deliverable), but it starts the clock.
    if (this.slow) this.slowSince ??= this.now();
    return 'sent';
  }

  /** True once the socket has stayed above the high-water mark for the stuck timeout. */
  stuck(): boolean {
    if (this.slowSince === null) return false;
    if (!this.slow) {
      this.slowSince = null;
      return false;
    }
    return this.now() - this.slowSince >= this.limits.stuckTimeoutMs;
  }
}
