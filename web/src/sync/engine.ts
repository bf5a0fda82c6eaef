import type { BoardSyncStore } from './board-store';
import type { BoardTransport } from './transport';

export interface SyncEngineOptions {
  /** First retry delay after the server could not be reached; doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

/**
 * Sends pending mutations one at a time, in order (a move may depend on the create before it), and
 * keeps the confirmed state caught up with the server's event log. Exactly-once delivery comes from
 * the server deduplicating by mutation id: a mutation is resent until it gets an answer.
 */
export class SyncEngine {
  private flushing: Promise<void> | null = null;
  private catching: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay: number;
  private stopped = false;

  constructor(
    private readonly store: BoardSyncStore,
    private readonly transport: BoardTransport,
    private readonly opts: SyncEngineOptions = {},
  ) {
    this.retryDelay = opts.retryMs ?? 500;
  }

  /** Loads the board (from the last confirmed seq when one is stored) and sends what is pending. */
  async start(): Promise<void> {
    await (this.store.getState().confirmed === null ? this.resync() : this.catchUp());
    await this.flush();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** Sends every unacknowledged mutation; concurrent callers share one run. */
  flush(): Promise<void> {
    this.flushing ??= this.runFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Fetches events after the confirmed seq until up to date. */
  catchUp(): Promise<void> {
    this.catching ??= this.runCatchUp().finally(() => {
      this.catching = null;
    });
    return this.catching;
  }

  /** Replaces the confirmed state with a fresh snapshot. */
  async resync(): Promise<void> {
    const snapshot = await this.transport.snapshot();
    if (snapshot === null) return this.unreachable();
    if (snapshot === 'denied') return this.denied();
    this.store.getState().loadSnapshot(snapshot);
    this.reachable();
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const next = this.store.getState().pending.find((m) => m.ackSeq === undefined);
      if (!next) break;
      const result = await this.transport.send(next);
      if (result.type === 'retry') return this.unreachable();
      this.reachable();
      if (result.type === 'ack') this.store.getState().ack(next.mid, result.seq);
      else this.store.getState().nack(next.mid, result.error);
    }
    const { pending, confirmed } = this.store.getState();
    if (confirmed !== null && pending.some((m) => m.ackSeq !== undefined && m.ackSeq > confirmed.seq))
      await this.catchUp();
  }

  private async runCatchUp(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const confirmed = this.store.getState().confirmed;
      if (confirmed === null) return this.resync();
      const page = await this.transport.events(confirmed.seq);
      if (page === null) return this.unreachable();
      if (page === 'denied') return this.denied();
      this.reachable();
      if (this.store.getState().receive(page.events) === 'gap') return this.resync();
      if (!page.hasMore) return;
    }
  }

  /** The board is gone or no longer this user's: stop for good; the page shows why. */
  private denied(): void {
    this.stop();
    this.store.getState().deny();
  }

  private reachable(): void {
    this.retryDelay = this.opts.retryMs ?? 500;
    if (this.store.getState().connection !== 'online') this.store.getState().setConnection('online');
  }

  /** The server is out of reach: say so, keep the queue, and try again with backoff. */
  private unreachable(): void {
    this.store.getState().setConnection('offline');
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.start().catch(() => this.unreachable()), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryMs ?? 5_000);
  }

  /** Call when the browser reports the network is back: retry at once instead of waiting out the backoff. */
  retryNow(): void {
    clearTimeout(this.retryTimer);
    this.retryDelay = this.opts.retryMs ?? 500;
    void this.start().catch(() => this.unreachable());
  }
}
