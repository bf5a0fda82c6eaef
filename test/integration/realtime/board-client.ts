import WebSocket from 'ws';

type Frame = Record<string, unknown> & { type: string };
type Answer = { type: 'ack'; seq: number } | { type: 'nack'; error: { code: string } };

/**
 * A client that follows docs/protocol.md: it keeps `lastSeq`, resubscribes with it after `resync` or
 * a reconnect, resends unanswered mutations with the same mid, and records every seq it applies so a
 * test can check nothing was missed or applied twice.
 */
export class BoardClient {
  lastSeq: number | null = null;
  /** Seq of every event applied, in order. */
  readonly applied: number[] = [];
  /** Anything that broke the promise: a duplicate or a gap. */
  readonly violations: string[] = [];
  resyncs = 0;
  reconnects = 0;
  private ws: WebSocket | null = null;
  private closing = false;
  private next = 0;
  private subscribedCount = 0;
  private readonly pending = new Map<string, { frame: Frame; resolve: (a: Answer) => void }>();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly clientId: string,
    private readonly token: string,
    private readonly teamId: string,
    private readonly boardId: string,
    /** Where to (re)connect: called on every connect, so a test can send reconnects elsewhere. */
    private readonly url: () => string,
  ) {}

  /** Opens the socket, authenticates and subscribes; resolves once the catch-up is over. */
  async connect(): Promise<void> {
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.on('message', (data) => this.receive(JSON.parse(data.toString()) as Frame));
    ws.on('close', () => this.onClose(ws));
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const before = this.subscribedCount;
    this.send({ type: 'auth', token: this.token });
    this.subscribe();
    await this.until(() => this.subscribedCount > before);
    for (const { frame } of this.pending.values()) this.send(frame);
  }

  /** Sends a mutation and resolves with its ack or nack, resending it with the same mid across reconnects. */
  mutate(op: Record<string, unknown>): Promise<Answer> {
    const mid = `${this.clientId}-${++this.next}`;
    return this.mutateWith(mid, op);
  }

  mutateWith(mid: string, op: Record<string, unknown>): Promise<Answer> {
    const frame: Frame = {
      type: 'mutate',
      mid,
      clientId: this.clientId,
      teamId: this.teamId,
      boardId: this.boardId,
      op,
    };
    return new Promise<Answer>((resolve) => {
      this.pending.set(mid, { frame, resolve });
      this.send(frame);
    });
  }

  /** Drops the socket without a close frame, as a network failure would; the client reconnects. */
  drop(): void {
    this.ws?.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.ws?.close();
  }

  /** Resolves once `check` holds after some frame (or at once). */
  until(check: () => boolean, ms = 20_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.clientId}: timed out at lastSeq ${this.lastSeq}`));
      }, ms);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
    });
  }

  private subscribe(): void {
    this.send({
      type: 'subscribe',
      teamId: this.teamId,
      boardId: this.boardId,
      ...(this.lastSeq !== null && { lastSeq: this.lastSeq }),
    });
  }

  private send(frame: Frame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private receive(frame: Frame): void {
    switch (frame.type) {
      case 'snapshot':
        this.lastSeq = frame.seq as number;
        break;
      case 'event':
        this.apply(frame.seq as number);
        break;
      case 'subscribed':
        this.subscribedCount += 1;
        break;
      case 'resync':
        this.resyncs += 1;
        this.subscribe();
        break;
      case 'ack':
      case 'nack': {
        const entry = this.pending.get(frame.mid as string);
        this.pending.delete(frame.mid as string);
        entry?.resolve(frame as unknown as Answer);
        break;
      }
      case 'error':
        this.violations.push(`error frame ${JSON.stringify(frame.error)}`);
    }
    for (const waiter of [...this.waiters]) waiter();
  }

  private apply(seq: number): void {
    if (this.lastSeq !== null && seq <= this.lastSeq) this.violations.push(`duplicate ${seq} at ${this.lastSeq}`);
    else if (this.lastSeq !== null && seq !== this.lastSeq + 1) this.violations.push(`gap ${this.lastSeq} -> ${seq}`);
    this.applied.push(seq);
    this.lastSeq = Math.max(seq, this.lastSeq ?? 0);
  }

  private onClose(ws: WebSocket): void {
    if (this.closing || ws !== this.ws) return;
    this.reconnects += 1;
    const retry = () => this.connect().catch(() => setTimeout(retry, 100));
    setTimeout(retry, 50);
  }
}
