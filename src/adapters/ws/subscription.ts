import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { CatchUp } from '../../application/realtime/catch-up.use-case';
import type { AppError, BoardEventRecord, BoardId, TeamId } from '../../domain';
import { eventFrame, snapshotFrame, type ServerFrame } from './frames';
import type { FrameData } from './socket';

/** What a board subscription needs from its connection. */
export interface SubscriptionIo {
  /**
   * Sends board data (a snapshot, a catch-up or live event). A slow socket refuses it and resyncs
   * every board, this one included, so the caller stops once it finds itself closed.
   */
  readonly sendData: (frame: FrameData) => void;
  /** Sends a control frame (`subscribed`). */
  readonly send: (frame: ServerFrame) => void;
  /** Brings the subscriber from `lastSeq` to now (the catch-up use case, as this connection's user). */
  readonly catchUp: (lastSeq: number | null) => TaskEither<AppError, CatchUp>;
  /** Runs work after the connection's earlier work, one piece at a time. */
  readonly schedule: (work: () => Promise<void>) => void;
  /** Gives up on this subscription: tells the client to resync and drops it. */
  readonly resync: (reason: string) => void;
  /** Ends this subscription for good: the board was deleted; the client is told and it is dropped. */
  readonly gone: () => void;
}

/** Live events held back while the subscription catches up, before it gives up and resyncs. */
export const MAX_BUFFERED_EVENTS = 1000;

type Phase = 'starting' | 'live' | 'repairing' | 'closed';

/**
 * One board on one connection: a delivery cursor (the last seq the client has) that only moves
 * forward by one. Live events are held while the log is read (at start, or to fill a gap the bus
 * left), then released in order, so the client sees every seq once, in order, with no gap.
 */
export class BoardSubscription {
  private phase: Phase = 'starting';
  private cursor = 0;
  private held: { event: BoardEventRecord; frame: FrameData }[] = [];
  private gapTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly teamId: TeamId,
    readonly boardId: BoardId,
    private readonly io: SubscriptionIo,
    private readonly gapGraceMs: number,
  ) {}

  /** The last seq the client was sent. */
  get seq(): number {
    return this.cursor;
  }

  /** Whether the first catch-up is done and `subscribed` was sent. */
  get started(): boolean {
    return this.phase === 'live' || this.phase === 'repairing';
  }

  /** Catches up from `lastSeq`; live events that arrive meanwhile are held. Left when the board cannot be read. */
  async start(lastSeq: number | null): Promise<E.Either<AppError, number>> {
    if (this.closed()) return E.right(this.cursor);
    const result = await this.io.catchUp(lastSeq)();
    // The client may have unsubscribed (or the socket closed) while the log was read.
    if (E.isLeft(result) || this.closed()) return E.map(() => this.cursor)(result);
    this.sendCatchUp(result.right, lastSeq ?? 0);
    if (this.closed()) return E.right(this.cursor);
    this.io.send({ type: 'subscribed', teamId: this.teamId, boardId: this.boardId, seq: this.cursor });
    this.release();
    return E.right(this.cursor);
  }

  /** An event from the bus: sent if it is the next one, dropped if the client has it, held if it leaves a gap. */
  deliver(event: BoardEventRecord, frame: FrameData): void {
    if (this.phase === 'closed' || event.seq <= this.cursor) return;
    if (this.phase !== 'live' || event.seq !== this.cursor + 1) {
      this.hold(event, frame);
      return;
    }
    this.cursor = event.seq;
    this.io.sendData(frame);
    this.sendHeldInOrder();
  }

  /** Gives up on the stream: the client is told to resync and resubscribe from its lastSeq. */
  resync(reason: string): void {
    if (!this.closed()) this.io.resync(reason);
  }

  /** The board was deleted: nothing more will come, and the client is told so. */
  gone(): void {
    if (!this.closed()) this.io.gone();
  }

  /** Stops delivering; anything held is dropped. */
  close(): void {
    this.phase = 'closed';
    this.held = [];
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
  }

  private closed(): boolean {
    return this.phase === 'closed';
  }

  private hold(event: BoardEventRecord, frame: FrameData): void {
    if (this.held.length >= MAX_BUFFERED_EVENTS) {
      this.io.resync('too_far_behind');
      return;
    }
    this.held.push({ event, frame });
    if (this.phase === 'live') this.awaitGap();
  }

  /**
   * Events published by different instances can overtake each other on the bus, so a gap gets a
   * short grace to fill itself before the log is read to fill it.
   */
  private awaitGap(): void {
    if (this.gapTimer !== null) return;
    const check = () => {
      this.gapTimer = null;
      if (this.phase !== 'live' || this.held.length === 0) return;
      this.phase = 'repairing';
      this.io.schedule(() => this.repair());
    };
    if (this.gapGraceMs <= 0) return check();
    this.gapTimer = setTimeout(check, this.gapGraceMs);
  }

  /** Sends the held events that now follow the cursor without a gap. */
  private sendHeldInOrder(): void {
    this.held.sort((a, b) => a.event.seq - b.event.seq);
    // A refused frame closes the subscription, which empties `held` and ends the loop.
    while (this.held.length > 0 && (this.held[0]?.event.seq ?? 0) <= this.cursor + 1) {
      const next = this.held.shift();
      if (next && next.event.seq === this.cursor + 1) {
        this.cursor = next.event.seq;
        this.io.sendData(next.frame);
      }
    }
  }

  private async repair(): Promise<void> {
    if (this.phase !== 'repairing') return;
    const result = await this.io.catchUp(this.cursor)();
    if (this.phase !== 'repairing') return;
    if (E.isLeft(result)) {
      this.io.resync('catch_up_failed');
      return;
    }
    this.sendCatchUp(result.right, this.cursor);
    if (!this.closed()) this.release();
  }

  private sendCatchUp(catchUp: CatchUp, from: number): void {
    if (catchUp.kind === 'snapshot') {
      this.cursor = catchUp.snapshot.snapshot.seq;
      this.io.sendData(snapshotFrame(this.teamId, this.boardId, catchUp.snapshot));
      return;
    }
    this.cursor = from;
    for (const event of catchUp.events) {
      if (event.seq !== this.cursor + 1) continue;
      this.cursor = event.seq;
      this.io.sendData(eventFrame(event));
      if (this.closed()) return;
    }
  }

  /** Goes live and sends the held events the catch-up did not cover, in seq order. */
  private release(): void {
    this.phase = 'live';
    this.held = this.held.filter((h) => h.event.seq > this.cursor);
    this.sendHeldInOrder();
    if (this.held.length > 0) this.awaitGap();
  }
}
