import WebSocket from 'ws';
import { nowMs } from './stats';

type Frame = Record<string, unknown> & { type: string };

/** What a socket saw of one live or caught-up event. */
export interface Seen {
  readonly seq: number;
  readonly mid: string | null;
  readonly at: number;
}

export interface Answer {
  readonly type: 'ack' | 'nack';
  readonly seq?: number;
  readonly error?: { code: string };
}

const SEQ = /"seq":(\d+)/;
// Only the origin carries a `mid` in the events the bench produces (card moves and creates).
const MID = /"mid":"([^"]+)"/;

/**
 * A bare protocol client for load generation (docs/protocol.md): one board at most, `lastSeq` kept for
 * resume, gaps and duplicates counted. Event frames are read with two regexes instead of JSON.parse,
 * because at 100k deliveries/s the clients' own parsing would be a large share of the machine's 2 cores.
 */
export class BenchSocket {
  lastSeq: number | null = null;
  gaps = 0;
  duplicates = 0;
  snapshots = 0;
  snapshotBytes = 0;
  readonly errors: string[] = [];
  onEvent: ((seen: Seen) => void) | null = null;
  /** Every frame as received, for a client that keeps board state (it parses what it needs itself). */
  onFrame: ((text: string) => void) | null = null;
  private ws: WebSocket | null = null;
  private board: { teamId: string; boardId: string } | null = null;
  private next = 0;
  private readonly pending = new Map<string, (a: Answer) => void>();
  private waiting: { type: string; resolve: () => void }[] = [];
  /** Subscribes answered with a retryable error (e.g. `unavailable` under load) and sent again. */
  retries = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly clientId: string,
  ) {}

  /** Connects and authenticates; resolves on `ready`. */
  async open(): Promise<void> {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data: Buffer) => this.receive(data.toString('utf8')));
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const ready = this.expect('ready');
    this.send({ type: 'auth', token: this.token });
    await ready;
  }

  /** Subscribes (resuming from `lastSeq` if it has one); resolves on `subscribed`. */
  subscribe(teamId: string, boardId: string): Promise<void> {
    this.board = { teamId, boardId };
    const done = this.expect('subscribed');
    this.sendSubscribe();
    return done;
  }

  private sendSubscribe(): void {
    if (!this.board) return;
    const { teamId, boardId } = this.board;
    this.send({ type: 'subscribe', teamId, boardId, ...(this.lastSeq !== null && { lastSeq: this.lastSeq }) });
  }

  /** Reconnects after a drop and resubscribes from `lastSeq`. */
  async resume(): Promise<void> {
    await this.open();
    if (this.board) await this.subscribe(this.board.teamId, this.board.boardId);
  }

  mutate(teamId: string, boardId: string, op: Record<string, unknown>): { mid: string; answer: Promise<Answer> } {
    const mid = `${this.clientId}-${++this.next}`;
    const answer = new Promise<Answer>((resolve) => this.pending.set(mid, resolve));
    this.send({ type: 'mutate', mid, clientId: this.clientId, teamId, boardId, op });
    return { mid, answer };
  }

  /** Drops the connection without a close frame, as a network failure or a crashed instance would. */
  drop(): void {
    this.ws?.terminate();
  }

  close(): void {
    this.ws?.close();
  }

  private expect(type: string): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ type, resolve }));
  }

  private send(frame: Frame): void {
    this.ws?.send(JSON.stringify(frame));
  }

  private receive(text: string): void {
    this.onFrame?.(text);
    if (text.startsWith('{"type":"event"')) return this.event(text);
    const frame = JSON.parse(text) as Frame;
    if (frame.type === 'snapshot') {
      this.snapshots += 1;
      this.snapshotBytes = text.length;
      this.lastSeq = frame.seq as number;
    } else if (frame.type === 'resync') {
      this.sendSubscribe();
    } else if (frame.type === 'ack' || frame.type === 'nack') {
      const resolve = this.pending.get(frame.mid as string);
      this.pending.delete(frame.mid as string);
      resolve?.(frame as unknown as Answer);
    } else if (frame.type === 'error') {
      this.failed(frame, text);
    }
    const done = this.waiting.filter((w) => w.type === frame.type);
    this.waiting = this.waiting.filter((w) => w.type !== frame.type);
    done.forEach((w) => w.resolve());
  }

  /** A subscribe refused for now (`retryable`) is sent again, as docs/protocol.md tells clients to. */
  private failed(frame: Frame, text: string): void {
    const error = frame.error as { retryable?: boolean } | undefined;
    if (error?.retryable && frame.boardId !== undefined) {
      this.retries += 1;
      setTimeout(() => this.sendSubscribe(), 200);
    } else this.errors.push(text.slice(0, 300));
  }

  private event(text: string): void {
    const at = nowMs();
    const seq = Number(SEQ.exec(text)?.[1] ?? NaN);
    if (this.lastSeq !== null && seq <= this.lastSeq) this.duplicates += 1;
    else if (this.lastSeq !== null && seq !== this.lastSeq + 1) this.gaps += 1;
    this.lastSeq = Math.max(seq, this.lastSeq ?? 0);
    this.onEvent?.({ seq, mid: MID.exec(text)?.[1] ?? null, at });
  }
}
