import * as E from 'fp-ts/Either';
import type { Logger } from 'pino';
import type { Application } from '../../application/api';
import type { ReadSelection } from '../../application/ports/notifications';
import { catchUp } from '../../application/realtime/catch-up.use-case';
import type { Notification, Role, TeamId } from '../../domain';
import {
  decodeClientFrame,
  encode,
  PROTOCOL_VERSION,
  type ClientFrame,
  type MutateFrame,
  type ServerFrame,
  type WireError,
} from './frames';
import type { RealtimeMetrics } from './metrics';
import { handleMutate, internalNack } from './mutate-handler';
import type { NackMemory } from './nack-memory';
import { Outbox, type FrameClass, type OutboxLimits } from './outbox';
import { Inbox, type InboxLimits, type Refusal } from './inbox';
import { SessionBinding, type VerifySession } from './session';
import type { FrameData, WebSocketMinimal } from './socket';
import { SocketBoards, type JoinBoard } from './socket-boards';
import type { PresenceHub } from './presence-hub';
import { SocketPresence } from './socket-presence';
import { CLOSE } from './wire-errors';

export type { JoinBoard } from './socket-boards';

/** Limits and timings of one connection (docs/protocol.md lists the defaults). */
export interface ConnectionSettings extends OutboxLimits, InboxLimits {
  readonly authTimeoutMs: number;
  readonly maxSubscriptions: number;
  /** Authenticated sockets one user may hold on one instance. */
  readonly maxSocketsPerUser: number;
  readonly maxCatchUpEvents: number;
  /** How long a gap in the live stream may wait for its events before they are read from the log. */
  readonly gapGraceMs: number;
}

export interface ConnectionDeps {
  readonly application: Application;
  readonly verifySession: VerifySession;
  /** Whether the user may hold one more socket on this instance. */
  readonly admit: (userId: string) => boolean;
  readonly join: JoinBoard;
  /** The instance's presence (who has which board open). */
  readonly presence: PresenceHub;
  readonly nacks: NackMemory;
  readonly logger: Logger;
  readonly metrics: RealtimeMetrics;
  readonly settings: ConnectionSettings;
  /** Milliseconds now: rate limits, stuck sockets and token expiry. */
  readonly now: () => number;
}

type State = 'awaiting_auth' | 'ready' | 'closed';

/**
 * One client socket, bound to the session its token belongs to: authenticate first, then subscribe
 * to boards and send mutations, until the token expires (unless a fresh one was sent) or the session
 * ends. Frames are handled one at a time in arrival order, so mutations apply in the order sent.
 */
export class Connection {
  private state: State = 'awaiting_auth';
  private readonly binding: SessionBinding;
  /** The socket was closed because its session ended: frames still queued are not run. */
  private sessionEnded = false;
  private readonly boards: SocketBoards;
  private readonly presence: SocketPresence;
  private readonly outbox: Outbox;
  private readonly inbox: Inbox;
  private work: Promise<void> = Promise.resolve();
  private authTimer: ReturnType<typeof setTimeout> | null;
  private alive = true;

  constructor(
    private readonly socket: WebSocketMinimal,
    private readonly deps: ConnectionDeps,
  ) {
    const { settings } = deps;
    this.inbox = new Inbox(settings, deps.now);
    this.binding = new SessionBinding(deps.verifySession, deps.admit, deps.now);
    this.outbox = new Outbox(socket, settings, deps.now);
    this.presence = new SocketPresence({
      hub: deps.presence,
      application: deps.application,
      actor: () => this.actor(),
      watches: (teamId, boardId) => this.boards.watches(teamId, boardId),
      deliver: (frame) => this.emit(frame, 'data'),
      send: (frame) => this.send(frame),
      now: deps.now,
    });
    this.boards = new SocketBoards({
      join: deps.join,
      metrics: deps.metrics,
      sendData: (frame) => this.emit(frame, 'data'),
      send: (frame) => this.send(frame),
      schedule: (work) => this.schedule(work),
      catchUp: (teamId, boardId, from) =>
        catchUp(deps.application, settings.maxCatchUpEvents)(this.actor(), teamId, boardId, from),
      slow: () => this.outbox.slow,
      gapGraceMs: settings.gapGraceMs,
      maxSubscriptions: settings.maxSubscriptions,
      onDrop: (teamId, boardId) => this.presence.leave(teamId, boardId),
    });
    this.authTimer = setTimeout(() => this.endSession(CLOSE.unauthenticated, 'auth timeout'), settings.authTimeoutMs);
    socket.onMessage((data) => this.receive(data));
    socket.onClose(() => this.dispose());
    socket.onPong(() => {
      this.alive = true;
    });
    deps.metrics.connectionOpened();
  }

  /** The authenticated user, once there is one. */
  get userId(): string | null {
    return this.binding.session?.actor.userId ?? null;
  }

  /** False once the socket is closing or closed (its close event may come much later). */
  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  /** The session (refresh family) of the token the socket authenticated with last. */
  get familyId(): string | null {
    return this.binding.session?.familyId ?? null;
  }

  /** Whether any of this socket's boards belongs to the team. */
  watchesTeam(teamId: string): boolean {
    return this.boards.watchesTeam(teamId);
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

  /** Closes the socket because its session or access ended; mutations it sent and that wait are dropped. */
  endSession(code: number, reason: string): void {
    this.sessionEnded = true;
    this.close(code, reason);
  }

  /** Tells the client its new role in a team whose boards it watches; later mutations are authorized with it. */
  tellRole(teamId: TeamId, role: Role): boolean {
    if (this.state !== 'ready' || !this.boards.watchesTeam(teamId)) return false;
    this.send({ type: 'membership', teamId, role });
    return true;
  }

  /** Hands the client a notification of its person; whatever boards it follows, once it authenticated. */
  tellNotification(notification: Notification): boolean {
    if (this.state !== 'ready') return false;
    this.send({ type: 'notification', notification });
    return true;
  }

  /** Tells the client that its person marked notifications read elsewhere, and how many are unread now. */
  tellNotificationsRead(read: ReadSelection, unread: number): boolean {
    if (this.state !== 'ready') return false;
    this.send({ type: 'notifications.read', ...read, unread });
    return true;
  }

  /** Called every heartbeat: a socket that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (this.state === 'closed') return;
    if (!this.alive) return this.terminate('no_pong');
    this.alive = false;
    this.socket.ping();
  }

  /** Called every sweep: closes a socket whose token expired, drops one stuck above the high-water mark. */
  sweep(): void {
    if (this.state === 'closed') return;
    if (this.binding.expired()) return this.expire();
    if (this.outbox.stuck()) this.terminate('stuck');
  }

  private receive(data: string): void {
    if (this.state === 'closed') return;
    const bytes = Buffer.byteLength(data);
    const refusal = this.inbox.admit(bytes);
    if (refusal) return this.refuse(refusal);
    const frame = decodeClientFrame(data);
    if (E.isLeft(frame)) {
      this.inbox.done(bytes);
      return this.refuse({ metric: frame.left.code, error: { ...frame.left, retryable: false } });
    }
    this.schedule(() => this.dispatch(frame.right).finally(() => this.inbox.done(bytes)));
  }

  private refuse(refusal: Refusal): void {
    this.deps.metrics.frameRejected(refusal.metric);
    if (refusal.error) this.sendError(refusal.error);
    if (refusal.close) this.close(refusal.close.code, refusal.close.reason);
  }

  private schedule(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err: unknown) => {
      // Only bugs and lost infrastructure throw; the client hears a generic error, the log the details.
      this.deps.logger.error({ err, userId: this.userId }, 'ws frame handling failed');
      this.sendError({ code: 'internal', message: 'Internal server error', retryable: true });
    });
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    // A mutation that arrived before the client dropped still runs (it will resend its mid); not after its session ended.
    if (this.state === 'closed' && (frame.type !== 'mutate' || this.sessionEnded)) return;
    if (this.binding.expired()) return this.expire();
    if (frame.type === 'ping') return this.send({ type: 'pong' });
    if (frame.type === 'auth') return this.authenticate(frame.token);
    const session = this.binding.session;
    if (session === null) return this.endSession(CLOSE.unauthenticated, 'authenticate first');
    switch (frame.type) {
      case 'subscribe':
        return this.boards.subscribe(frame.teamId, frame.boardId, frame.lastSeq ?? null);
      case 'unsubscribe':
        this.boards.drop(frame.teamId, frame.boardId);
        return this.send({ type: 'unsubscribed', teamId: frame.teamId, boardId: frame.boardId });
      case 'presence':
        return this.presence.announce(frame);
      case 'mutate':
        return this.send(await handleMutate(this.deps, session.actor, frame).catch((err) => this.failed(err, frame)));
    }
  }

  /** The first `auth` binds the socket to a session; a later one extends it with a fresh token of the same user. */
  private async authenticate(token: string): Promise<void> {
    const outcome = await this.binding.present(token);
    if (this.state === 'closed') return;
    switch (outcome.kind) {
      case 'close':
        if (outcome.error) this.sendError(outcome.error);
        return this.endSession(outcome.code, outcome.reason);
      case 'error':
        return this.sendError(outcome.error);
      case 'ready': {
        if (this.authTimer) clearTimeout(this.authTimer);
        this.authTimer = null;
        this.state = 'ready';
        const { actor, expiresAt } = outcome.session;
        const expires = new Date(expiresAt).toISOString();
        return this.send({ type: 'ready', protocol: PROTOCOL_VERSION, userId: actor.userId, expiresAt: expires });
      }
    }
  }

  /** A mutation whose handling threw: logged, and the client still hears about its mid. */
  private failed(err: unknown, frame: MutateFrame): ServerFrame {
    this.deps.logger.error({ err, userId: this.userId, boardId: frame.boardId, mid: frame.mid }, 'ws mutation failed');
    return internalNack(frame);
  }

  private actor() {
    const session = this.binding.session;
    if (session === null) throw new Error('a board was read before the socket authenticated');
    return session.actor;
  }

  private expire(): void {
    this.deps.logger.info({ userId: this.userId }, 'ws session expired');
    this.endSession(CLOSE.unauthenticated, 'token expired');
  }

  private slowConsumer(): void {
    this.deps.logger.warn({ userId: this.userId, buffered: this.socket.bufferedAmount }, 'ws slow consumer');
    this.boards.resyncAll('slow_consumer');
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
    this.boards.dropAll();
    this.deps.metrics.connectionClosed();
  }

  /** Every frame goes through here: nothing is sent past the token's expiry or the outbox's cap. */
  private emit(frame: FrameData, cls: FrameClass): void {
    if (this.state === 'closed') return;
    if (this.binding.expired()) return this.expire();
    const offer = this.outbox.offer(frame, cls);
    if (offer === 'overflow') this.terminate('overflow');
    else if (offer === 'refused') this.slowConsumer();
  }

  private send(frame: ServerFrame): void {
    this.emit(encode(frame), 'control');
  }

  private sendError(error: WireError): void {
    this.send({ type: 'error', error });
  }
}
