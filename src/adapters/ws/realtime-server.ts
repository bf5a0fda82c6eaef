import type { Logger } from 'pino';
import type { Application } from '../../application/api';
import type { ControlMessage } from '../../application/ports/control';
import type { ReadSelection } from '../../application/ports/notifications';
import type { EventSubscriber } from '../../application/ports/realtime';
import type { BoardId, Notification, Role, TeamId } from '../../domain';
import { DEFAULT_MAX_CATCH_UP_EVENTS } from '../../application/realtime/catch-up.use-case';
import { Connection, type ConnectionSettings } from './connection';
import { Hub, type HubTimings } from './hub';
import { MemoryPresenceBus } from '../memory/presence-bus';
import type { PresenceBus } from '../../application/ports';
import { DEFAULT_PRESENCE_TIMINGS, PresenceHub, type PresenceTimings } from './presence-hub';
import { promRealtimeMetrics, type RealtimeMetrics } from './metrics';
import { NackMemory, type NackMemoryLimits } from './nack-memory';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import type { VerifySession } from './session';
import type { WebSocketMinimal } from './socket';
import { CLOSE } from './wire-errors';

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  authTimeoutMs: 5_000,
  maxPayloadBytes: 64 * 1024,
  rateLimit: DEFAULT_RATE_LIMIT,
  highWaterBytes: 2 * 1024 * 1024,
  controlHeadroomBytes: 256 * 1024,
  stuckTimeoutMs: 30_000,
  maxPendingBytes: 1024 * 1024,
  maxSubscriptions: 50,
  maxSocketsPerUser: 20,
  maxCatchUpEvents: DEFAULT_MAX_CATCH_UP_EVENTS,
  gapGraceMs: 50,
};

export const DEFAULT_HUB_TIMINGS: HubTimings = { heartbeatMs: 30_000, sweepMs: 1_000 };

export interface RealtimeOptions {
  readonly application: Application;
  /** Checks a socket's access token and names its session (`sessionVerifier`). */
  readonly verifySession: VerifySession;
  readonly subscriber: EventSubscriber;
  readonly logger: Logger;
  readonly settings?: Partial<ConnectionSettings>;
  readonly timings?: Partial<HubTimings>;
  /** Who has which board open, shared by instances (default: this process only). */
  readonly presence?: PresenceBus;
  readonly presenceTimings?: Partial<PresenceTimings>;
  readonly nackLimits?: NackMemoryLimits;
  readonly metrics?: RealtimeMetrics;
  /** Milliseconds now (rate limits, stuck sockets, token expiry); tests may pass their own. */
  readonly now?: () => number;
}

/** The real-time service of one instance, independent of the socket library. */
export interface Realtime {
  /** Serves one freshly opened socket. */
  readonly accept: (socket: WebSocketMinimal) => Connection;
  /**
   * Closes a user's sockets: all of them (logout, close code 4401), or those subscribed to one
   * team's boards (removed from the team, close code 4403).
   */
  readonly closeUserSockets: (userId: string, teamId?: string) => number;
  /** Closes the sockets opened with tokens of one session (refresh family) with 4401. */
  readonly closeSessionSockets: (userId: string, familyId: string) => number;
  /** Tells a user's sockets on a team's boards their new role there. Answers how many were told. */
  readonly tellRole: (teamId: TeamId, userId: string, role: Role) => number;
  /** Acts on a control message from any instance: the socket side of sign-outs, revocations and role changes. */
  readonly obey: (message: ControlMessage) => void;
  /** Sends a stored notification to every authenticated socket of its person. Answers how many were told. */
  readonly tellNotification: (notification: Notification) => number;
  /** Tells every authenticated socket of a person that notifications were read (in another tab, say). */
  readonly tellNotificationsRead: (userId: string, read: ReadSelection, unread: number) => number;
  /** Tells the sockets on a team's boards to resync: the team moved shards. Answers how many were told. */
  readonly resyncTeam: (teamId: TeamId) => number;
  /** Tells the sockets on a deleted board it is gone (an `error` frame, `board_deleted`). Answers how many were told. */
  readonly boardGone: (teamId: TeamId, boardId: BoardId) => number;
  /** Closes every socket (1001) and stops listening to the bus. */
  readonly close: () => Promise<void>;
}

/** Builds the hub, the nack memory and the connection settings once, and serves sockets with them. */
export const createRealtime = (opts: RealtimeOptions): Realtime => {
  const settings = { ...DEFAULT_CONNECTION_SETTINGS, ...opts.settings };
  const metrics = opts.metrics ?? promRealtimeMetrics();
  const hub = new Hub(opts.subscriber, opts.logger, metrics, { ...DEFAULT_HUB_TIMINGS, ...opts.timings });
  const presence = new PresenceHub(opts.presence ?? new MemoryPresenceBus(), opts.logger, {
    ...DEFAULT_PRESENCE_TIMINGS,
    ...opts.presenceTimings,
  });
  const socketsOf = (userId: string) => hub.all().filter((c) => c.isOpen && c.userId === userId);
  const deps = {
    application: opts.application,
    verifySession: opts.verifySession,
    admit: (userId: string) => socketsOf(userId).length < settings.maxSocketsPerUser,
    join: hub.join.bind(hub),
    presence,
    nacks: new NackMemory(opts.nackLimits),
    logger: opts.logger,
    metrics,
    settings,
    now: opts.now ?? Date.now,
  };
  const closeAll = (targets: readonly Connection[], code: number, reason: string, context: object): number => {
    for (const c of targets) c.endSession(code, reason);
    if (targets.length > 0) opts.logger.info({ ...context, sockets: targets.length, reason }, 'ws sockets closed');
    return targets.length;
  };
  const realtime: Realtime = {
    accept: (socket) => {
      const connection = new Connection(socket, deps);
      hub.track(connection);
      socket.onClose(() => hub.untrack(connection));
      return connection;
    },
    closeUserSockets: (userId, teamId) =>
      teamId === undefined
        ? closeAll(socketsOf(userId), CLOSE.unauthenticated, 'signed out', { userId })
        : closeAll(
            socketsOf(userId).filter((c) => c.watchesTeam(teamId)),
            CLOSE.revoked,
            'membership revoked',
            { userId, teamId },
          ),
    closeSessionSockets: (userId, familyId) =>
      closeAll(
        socketsOf(userId).filter((c) => c.familyId === familyId),
        CLOSE.unauthenticated,
        'session ended',
        { userId },
      ),
    tellRole: (teamId, userId, role) => socketsOf(userId).filter((c) => c.tellRole(teamId, role)).length,
    tellNotification: (notification) => {
      const targets = socketsOf(notification.userId);
      for (const c of targets) c.tellNotification(notification);
      return targets.length;
    },
    tellNotificationsRead: (userId, read, unread) => {
      const targets = socketsOf(userId);
      for (const c of targets) c.tellNotificationsRead(read, unread);
      return targets.length;
    },
    resyncTeam: (teamId) => {
      const told = hub.resyncTeam(teamId, 'tenant_moved');
      if (told > 0) opts.logger.info({ teamId, sockets: told }, 'ws sockets told to resync after a tenant move');
      return told;
    },
    boardGone: (teamId, boardId) => hub.boardGone(teamId, boardId),
    obey: (m) => void obeyControl(realtime, m),
    close: async () => {
      for (const c of hub.all()) c.close(CLOSE.goingAway, 'server shutting down');
      await hub.stop();
      presence.stop();
    },
  };
  return realtime;
};

/** The socket side of each control message; answers how many sockets it touched. */
const obeyControl = (realtime: Realtime, m: ControlMessage): number => {
  switch (m.type) {
    case 'user.signed_out':
      return realtime.closeUserSockets(m.userId);
    case 'session.revoked':
      return realtime.closeSessionSockets(m.userId, m.familyId);
    case 'member.removed':
      return realtime.closeUserSockets(m.userId, m.teamId);
    case 'member.role_changed':
      return realtime.tellRole(m.teamId, m.userId, m.role);
    case 'tenant.moved':
      return realtime.resyncTeam(m.teamId);
    case 'board.deleted':
      return realtime.boardGone(m.teamId, m.boardId);
    case 'user.notified':
      return realtime.tellNotification(m.notification);
    case 'notifications.read':
      return realtime.tellNotificationsRead(m.userId, m.read, m.unread);
  }
};
