import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { CatchUp } from '../../application/realtime/catch-up.use-case';
import type { AppError, BoardId, TeamId } from '../../domain';
import type { ServerFrame, WireError } from './frames';
import type { RealtimeMetrics } from './metrics';
import type { FrameData } from './socket';
import { BoardSubscription } from './subscription';
import { wireError } from './wire-errors';

/** Joins a board's local fan-out; resolves once live events flow, with the function that leaves. */
export type JoinBoard = (teamId: TeamId, boardId: BoardId, member: BoardSubscription) => Promise<() => void>;

/** What a socket's boards need from their connection. */
export interface SocketBoardsIo {
  readonly join: JoinBoard;
  readonly metrics: RealtimeMetrics;
  /** Sends board data through the socket's outbox; a slow socket refuses it and resyncs every board. */
  readonly sendData: (frame: FrameData) => void;
  /** Sends a control frame. */
  readonly send: (frame: ServerFrame) => void;
  /** Runs work after the connection's earlier work. */
  readonly schedule: (work: () => Promise<void>) => void;
  /** The catch-up use case as this socket's user. */
  readonly catchUp: (teamId: TeamId, boardId: BoardId, lastSeq: number | null) => TaskEither<AppError, CatchUp>;
  /** Whether the client has more unread than the high-water mark. */
  readonly slow: () => boolean;
  readonly gapGraceMs: number;
  readonly maxSubscriptions: number;
  /** Told whenever a board stops being watched, whatever the reason (its presence goes with it). */
  readonly onDrop?: (teamId: TeamId, boardId: BoardId) => void;
}

const boardKey = (teamId: string, boardId: string) => `${teamId}/${boardId}`;

/** The error frame a socket gets for a board deleted while it watched it (docs/protocol.md). */
export const BOARD_DELETED: WireError = {
  code: 'board_deleted',
  message: 'This board was deleted',
  retryable: false,
};

const TOO_MANY: WireError = {
  code: 'too_many_subscriptions',
  message: 'Too many boards on one socket; unsubscribe from one first',
  retryable: false,
};

/** The boards one socket watches: at most one subscription per board, and at most `maxSubscriptions`. */
export class SocketBoards {
  private readonly subs = new Map<string, { sub: BoardSubscription; leave: Promise<() => void> }>();

  constructor(private readonly io: SocketBoardsIo) {}

  /** Whether the board is watched (its subscription started or starting). */
  watches(teamId: string, boardId: string): boolean {
    return this.subs.has(boardKey(teamId, boardId));
  }

  /** Whether any of the boards belongs to the team. */
  watchesTeam(teamId: string): boolean {
    return [...this.subs.values()].some(({ sub }) => sub.teamId === teamId);
  }

  /**
   * Starts watching a board. A board already watched is not started over (that would queue another
   * snapshot): a started one is answered with `subscribed` at its seq, a starting one by its pending answer.
   */
  async subscribe(teamId: TeamId, boardId: BoardId, lastSeq: number | null): Promise<void> {
    const existing = this.subs.get(boardKey(teamId, boardId));
    if (existing) {
      if (existing.sub.started) this.io.send({ type: 'subscribed', teamId, boardId, seq: existing.sub.seq });
      return;
    }
    // A client that is not reading gets no board read on its behalf, only the word to come back later.
    if (this.io.slow()) return this.tellResync(teamId, boardId, 'slow_consumer');
    if (this.subs.size >= this.io.maxSubscriptions) return this.sendError(TOO_MANY, teamId, boardId);
    const sub = this.create(teamId, boardId);
    const leave = this.io.join(teamId, boardId, sub);
    this.subs.set(boardKey(teamId, boardId), { sub, leave });
    await leave;
    const started = await sub.start(lastSeq);
    if (E.isLeft(started)) {
      this.drop(teamId, boardId, sub);
      this.sendError(wireError(started.left), teamId, boardId);
    }
  }

  /** Stops watching a board; false when it was not watched (or, with `only`, by another subscription). */
  drop(teamId: string, boardId: string, only?: BoardSubscription): boolean {
    const key = boardKey(teamId, boardId);
    const entry = this.subs.get(key);
    if (!entry || (only && entry.sub !== only)) return false;
    this.subs.delete(key);
    entry.sub.close();
    this.io.onDrop?.(entry.sub.teamId, entry.sub.boardId);
    void entry.leave.then((leave) => leave());
    return true;
  }

  /** Tells the client to resync a board and stops its live frames; the client resubscribes with its lastSeq. */
  resync(sub: BoardSubscription, reason: string): void {
    if (this.drop(sub.teamId, sub.boardId, sub)) this.tellResync(sub.teamId, sub.boardId, reason);
  }

  /** Stops watching a deleted board and tells the client it is gone. */
  gone(sub: BoardSubscription): void {
    if (this.drop(sub.teamId, sub.boardId, sub)) this.sendError(BOARD_DELETED, sub.teamId, sub.boardId);
  }

  /** Resyncs every board (the socket is slow). */
  resyncAll(reason: string): void {
    for (const { sub } of [...this.subs.values()]) this.resync(sub, reason);
  }

  /** Stops watching everything (the socket closed). */
  dropAll(): void {
    for (const { sub } of [...this.subs.values()]) this.drop(sub.teamId, sub.boardId);
  }

  private create(teamId: TeamId, boardId: BoardId): BoardSubscription {
    const sub: BoardSubscription = new BoardSubscription(
      teamId,
      boardId,
      {
        send: (frame) => this.io.send(frame),
        sendData: (frame) => this.io.sendData(frame),
        catchUp: (from) => this.io.catchUp(teamId, boardId, from),
        schedule: (work) => this.io.schedule(work),
        resync: (reason) => this.resync(sub, reason),
        gone: () => this.gone(sub),
      },
      this.io.gapGraceMs,
    );
    return sub;
  }

  private tellResync(teamId: TeamId, boardId: BoardId, reason: string): void {
    this.io.metrics.resync(reason);
    this.io.send({ type: 'resync', teamId, boardId, reason });
  }

  private sendError(error: WireError, teamId: TeamId, boardId: BoardId): void {
    this.io.send({ type: 'error', error, teamId, boardId });
  }
}
