import type { Writable } from 'node:stream';

/**
 * Corked bytes past which a socket is written at once rather than at the end of the tick: the outbox
 * reads unsent bytes as the client's backlog, so what waits for the flush must stay small beside the
 * high-water mark (2 MiB by default), and a large frame (a snapshot) goes out as soon as it is queued.
 */
export const FLUSH_BYTES = 64 * 1024;

/**
 * Batches writes per socket per tick. The first write a socket gets in a tick corks it; once the
 * tick's work is done, every corked socket is uncorked once, so all the frames one socket was given in
 * that tick (several events of a burst, an ack and the event it produced) leave in one `writev`
 * instead of one system call each. Order on a socket is kept: corking delays writes, never reorders.
 */
export class TickBatch {
  private held: (() => void)[] = [];
  private scheduled = false;

  /** `schedule` runs the flush after the current tick's I/O callbacks (setImmediate; tests drive it by hand). */
  constructor(
    private readonly schedule: (flush: () => void) => void = (flush) => void setImmediate(flush),
    private readonly flushBytes: number = FLUSH_BYTES,
  ) {}

  /** Wraps `write` (which writes `T` to `stream`) so that it writes into the stream corked for this tick. */
  writer<T>(stream: Writable, write: (data: T) => void): (data: T) => void {
    let corked = false;
    const release = () => {
      if (!corked) return;
      corked = false;
      // A stream that ended meanwhile was uncorked by `end()`; uncork is then a no-op.
      stream.uncork();
    };
    return (data) => {
      if (!corked && !stream.destroyed) {
        stream.cork();
        corked = true;
        this.hold(release);
      }
      write(data);
      if (stream.writableLength >= this.flushBytes) release();
    };
  }

  /** Uncorks every stream held since the last flush (also run by the scheduled flush). */
  flush(): void {
    const held = this.held;
    this.held = [];
    this.scheduled = false;
    for (const release of held) release();
  }

  private hold(release: () => void): void {
    this.held.push(release);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }
}
