import * as E from 'fp-ts/Either';
import type { Logger } from 'pino';
import type { Actor, Application } from '../../application/api';
import { catchUp } from '../../application/realtime/catch-up.use-case';
import type { BoardId, TeamId } from '../../domain';
import {
  decodeClientFrame,
  encode,
  PROTOCOL_VERSION,
  type ClientFrame,
  type ServerFrame,
  type WireError,
} from './frames';
import { CLOSE, wireError } from './wire-errors';
import type { RealtimeMetrics } from './metrics';
import { handleMutate } from './mutate-handler';
import type { NackMemory } from './nack-memory';
import { MessageRateLimiter, type RateLimitSettings } from './rate-limit';
import type { WebSocketMinimal } from './socket';
import { BoardSubscription } from './subscription';

/** Limits and timings of one connection (docs/protocol.md lists the defaults). */
export interface ConnectionSettings {
  readonly authTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly rateLimit: RateLimitSettings;
  /** Above this many unsent bytes a socket gets no live frames, only resync. */
  readonly highWaterBytes: number;
  /** A socket still above the high-water mark this long after its resync is dropped. */
  readonly stuckTimeoutMs: number;
  readonly maxSubscriptions: number;
  readonly maxCatchUpEvents: number;
  /** How long a gap in the live stream may wait for its events before they are read from the log. */
  readonly gapGraceMs: number;
}

/** Joins a board's local fan-out; resolves once live events flow, with the function that leaves. */
export type JoinBoard = (teamId: TeamId, boardId: BoardId, member: BoardSubscription) => Promise<() => void>;

export interface ConnectionDeps {
  readonly application: Application;
  readonly join: JoinBoard;
  readonly nacks: NackMemory;
  readonly logger: Logger;
  readonly metrics: RealtimeMetrics;
  readonly settings: ConnectionSettings;
  readonly now: () => number;
}

type State = 'awaiting_auth' | 'ready' | 'closed';
const boardKey = (teamId: string, boardId: string) => `${teamId}/${boardId}`;

/**
 * One client socket: authenticate first, then subscribe to boards and send mutations. Frames are
 * handled one at a time in arrival order, so a client's mutations apply in the order it sent them.
 */
export class Connection {
  private state: State = 'awaiting_auth';
  private actor: Actor | null = null;
  private readonly subs = new Map<string, { sub: BoardSubscription; leave: Promise<() => void> }>();
  private readonly limiter: MessageRateLimiter;
  private work: Promise<void> = Promise.resolve();
  private authTimer: ReturnType<typeof setTimeout> | null;
  private slowSince: number | null = null;
  private alive = true;
  private lastRateError = -Infinity;

  constructor(
    private readonly socket: WebSocketMinimal,
    private readonly deps: ConnectionDeps,
  ) {
    this.limiter = new MessageRateLimiter(deps.settings.rateLimit, deps.now);
    this.authTimer = setTimeout(() => this.close(CLOSE.unauthenticated, 'auth timeout'), deps.settings.authTimeoutMs);
    socket.onMessage((data) => this.receive(data));
    socket.onClose(() => this.dispose());
    socket.onPong(() => {
      this.alive = true;
    });
    deps.metrics.connectionOpened();
  }

  /** The authenticated user, once there is one. */
  get userId(): string | null {
    return this.actor?.userId ?? null;
  }

  /** Whether any of this socket's boards belongs to the team. */
  watchesTeam(teamId: string): boolean {
    return [...this.subs.values()].some(({ sub }) => sub.teamId === teamId);
  }

  /** Resolves when every frame received so far has been handled (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.work;
  }

  /** Closes the socket with an application close code. */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.socket.close(code, reason);
    this.dispose();
  }

  /** Called every heartbeat: a socket that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (this.state === 'closed') return;
    if (!this.alive) return this.terminate('no_pong');
    this.alive = false;
    this.socket.ping();
  }

  /** Drops a socket that stayed above the high-water mark for too long after its resync. */
  checkStuck(): void {
    if (this.slowSince === null || this.state === 'closed') return;
    if (this.socket.bufferedAmount <= this.deps.settings.highWaterBytes) this.slowSince = null;
    else if (this.deps.now() - this.slowSince >= this.deps.settings.stuckTimeoutMs) this.terminate('stuck');
  }

  private receive(data: string): void {
    if (this.state === 'closed') return;
    if (Buffer.byteLength(data) > this.deps.settings.maxPayloadBytes) return this.close(CLOSE.tooBig, 'frame too big');
    const verdict = this.limiter.check();
    if (verdict === 'close') return this.reject('rate_limit', () => this.close(CLOSE.rateLimited, 'rate limit'));
    if (verdict === 'drop') return this.reject('rate_limit', () => this.rateLimitError());
    const frame = decodeClientFrame(data);
    if (E.isLeft(frame)) {
      return this.reject(frame.left.code, () => this.sendError({ ...frame.left, retryable: false }));
    }
    this.schedule(() => this.dispatch(frame.right));
  }

  private reject(reason: string, then: () => void): void {
    this.deps.metrics.frameRejected(reason);
    then();
  }

  private rateLimitError(): void {
    // One error frame a second is enough to tell a flooding client; more would feed the flood.
    if (this.deps.now() - this.lastRateError < 1000) return;
    this.lastRateError = this.deps.now();
    this.sendError({ code: 'rate_limited', message: 'Too many messages; slow down', retryable: true });
  }

  private schedule(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err: unknown) => {
      // Only bugs and lost infrastructure throw; the client hears a generic error, the log the details.
      this.deps.logger.error({ err, userId: this.userId }, 'ws frame handling failed');
      this.sendError({ code: 'internal', message: 'Internal server error', retryable: true });
    });
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    // A mutation that arrived before the socket dropped still runs: the client will resend its mid.
    if (this.state === 'closed' && frame.type !== 'mutate') return;
    if (frame.type === 'ping') return this.send({ type: 'pong' });
    if (frame.type === 'auth') return this.authenticate(frame.token);
    const actor = this.actor;
    if (actor === null) return this.close(CLOSE.unauthenticated, 'authenticate first');
    switch (frame.type) {
      case 'subscribe':
        return this.subscribe(frame.teamId, frame.boardId, frame.lastSeq ?? null);
      case 'unsubscribe':
        this.drop(frame.teamId, frame.boardId);
        return this.send({ type: 'unsubscribed', teamId: frame.teamId, boardId: frame.boardId });
      case 'mutate':
        return this.send(await handleMutate(this.deps, actor, frame));
    }
  }

  private async authenticate(token: string): Promise<void> {
    const result = await this.deps.application.auth.authenticate(token)();
    if (this.state === 'closed') return;
    // A second auth frame may refresh the token, never switch to another user.
    if (E.isLeft(result) || (this.actor !== null && this.actor.userId !== result.right.userId)) {
      return this.close(CLOSE.unauthenticated, 'invalid token');
    }
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
    this.actor = result.right;
    this.state = 'ready';
    this.send({ type: 'ready', protocol: PROTOCOL_VERSION, userId: result.right.userId });
  }

  private async subscribe(teamId: TeamId, boardId: BoardId, lastSeq: number | null): Promise<void> {
    const actor = this.actor as Actor;
    this.drop(teamId, boardId);
    if (this.subs.size >= this.deps.settings.maxSubscriptions) {
      return this.sendError(
        { code: 'too_many_subscriptions', message: 'Too many boards on one socket', retryable: false },
        teamId,
        boardId,
      );
    }
    const sub = new BoardSubscription(
      teamId,
      boardId,
      {
        send: (frame) => this.socket.send(frame),
        sendLive: (frame) => this.sendLive(frame),
        catchUp: (from) =>
          catchUp(this.deps.application, this.deps.settings.maxCatchUpEvents)(actor, teamId, boardId, from),
        schedule: (work) => this.schedule(work),
        resync: (reason) => this.resync(sub, reason),
      },
      this.deps.settings.gapGraceMs,
    );
    const leave = this.deps.join(teamId, boardId, sub);
    this.subs.set(boardKey(teamId, boardId), { sub, leave });
    await leave;
    const started = await sub.start(lastSeq);
    if (E.isLeft(started)) {
      this.drop(teamId, boardId, sub);
      this.sendError(wireError(started.left), teamId, boardId);
    }
  }

  /** Tells the client to resync a board and stops its live frames; the client resubscribes with its lastSeq. */
  resync(sub: BoardSubscription, reason: string): void {
    if (!this.drop(sub.teamId, sub.boardId, sub)) return;
    this.deps.metrics.resync(reason);
    this.send({ type: 'resync', teamId: sub.teamId, boardId: sub.boardId, reason });
  }

  private sendLive(frame: string): void {
    if (this.socket.bufferedAmount > this.deps.settings.highWaterBytes) return this.slowConsumer();
    this.socket.send(frame);
  }

  private slowConsumer(): void {
    this.slowSince ??= this.deps.now();
    this.deps.logger.warn({ userId: this.userId, buffered: this.socket.bufferedAmount }, 'ws slow consumer');
    for (const { sub } of [...this.subs.values()]) this.resync(sub, 'slow_consumer');
  }

  private drop(teamId: string, boardId: string, only?: BoardSubscription): boolean {
    const key = boardKey(teamId, boardId);
    const entry = this.subs.get(key);
    if (!entry || (only && entry.sub !== only)) return false;
    this.subs.delete(key);
    entry.sub.close();
    void entry.leave.then((leave) => leave());
    return true;
  }

  private terminate(reason: string): void {
    this.deps.metrics.terminated(reason);
    this.deps.logger.warn({ userId: this.userId, reason }, 'ws terminated');
    this.socket.terminate();
    this.dispose();
  }

  private dispose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.authTimer) clearTimeout(this.authTimer);
    for (const { sub } of [...this.subs.values()]) this.drop(sub.teamId, sub.boardId);
    this.deps.metrics.connectionClosed();
  }

  private send(frame: ServerFrame): void {
    this.socket.send(encode(frame));
  }

  private sendError(error: WireError, teamId?: TeamId, boardId?: BoardId): void {
    this.send({ type: 'error', error, ...(teamId && { teamId }), ...(boardId && { boardId }) });
  }
}
