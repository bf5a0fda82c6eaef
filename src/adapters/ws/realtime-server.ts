import type { Logger } from 'pino';
import type { Application } from '../../application/api';
import type { EventSubscriber } from '../../application/ports/realtime';
import type { TeamId } from '../../domain';
import { DEFAULT_MAX_CATCH_UP_EVENTS } from '../../application/realtime/catch-up.use-case';
import { Connection, type ConnectionSettings } from './connection';
import { Hub, type HubTimings } from './hub';
import { promRealtimeMetrics, type RealtimeMetrics } from './metrics';
import { NackMemory, type NackMemoryLimits } from './nack-memory';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import type { WebSocketMinimal } from './socket';
import { CLOSE } from './wire-errors';

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  authTimeoutMs: 5_000,
  maxPayloadBytes: 64 * 1024,
  rateLimit: DEFAULT_RATE_LIMIT,
  highWaterBytes: 2 * 1024 * 1024,
  stuckTimeoutMs: 30_000,
  maxSubscriptions: 100,
  maxCatchUpEvents: DEFAULT_MAX_CATCH_UP_EVENTS,
  gapGraceMs: 50,
};

export const DEFAULT_HUB_TIMINGS: HubTimings = { heartbeatMs: 30_000, sweepMs: 1_000 };

export interface RealtimeOptions {
  readonly application: Application;
  readonly subscriber: EventSubscriber;
  readonly logger: Logger;
  readonly settings?: Partial<ConnectionSettings>;
  readonly timings?: Partial<HubTimings>;
  readonly nackLimits?: NackMemoryLimits;
  readonly metrics?: RealtimeMetrics;
  /** Milliseconds now (rate limits, stuck sockets); tests may pass their own. */
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
  /** Tells the sockets on a team's boards to resync: the team moved shards. Answers how many were told. */
  readonly resyncTeam: (teamId: TeamId) => number;
  /** Closes every socket (1001) and stops listening to the bus. */
  readonly close: () => Promise<void>;
}

/** Builds the hub, the nack memory and the connection settings once, and serves sockets with them. */
export const createRealtime = (opts: RealtimeOptions): Realtime => {
  const settings = { ...DEFAULT_CONNECTION_SETTINGS, ...opts.settings };
  const metrics = opts.metrics ?? promRealtimeMetrics();
  const hub = new Hub(opts.subscriber, opts.logger, metrics, { ...DEFAULT_HUB_TIMINGS, ...opts.timings });
  const deps = {
    application: opts.application,
    join: hub.join.bind(hub),
    nacks: new NackMemory(opts.nackLimits),
    logger: opts.logger,
    metrics,
    settings,
    now: opts.now ?? Date.now,
  };
  return {
    accept: (socket) => {
      const connection = new Connection(socket, deps);
      hub.track(connection);
      socket.onClose(() => hub.untrack(connection));
      return connection;
    },
    closeUserSockets: (userId, teamId) => {
      const targets = hub.all().filter((c) => c.userId === userId && (teamId === undefined || c.watchesTeam(teamId)));
      for (const c of targets) {
        c.close(
          teamId === undefined ? CLOSE.unauthenticated : CLOSE.revoked,
          teamId === undefined ? 'logged out' : 'membership revoked',
        );
      }
      if (targets.length > 0) opts.logger.info({ userId, teamId, sockets: targets.length }, 'ws user sockets closed');
      return targets.length;
    },
    resyncTeam: (teamId) => {
      const told = hub.resyncTeam(teamId, 'tenant_moved');
      if (told > 0) opts.logger.info({ teamId, sockets: told }, 'ws sockets told to resync after a tenant move');
      return told;
    },
    close: async () => {
      for (const c of hub.all()) c.close(CLOSE.goingAway, 'server shutting down');
      await hub.stop();
    },
  };
};
