import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Container, ContainerModule } from 'inversify';
import { resolveJwtSecret, type Config, type ShardUrl } from './adapters/config/config';
import { startEmbeddedPostgres } from './adapters/embedded/embedded-postgres';
import type { ReadinessCheck } from './adapters/http/readiness';
import { createMetricsApp } from './adapters/http/metrics-access';
import { measureDelivery } from './adapters/observability/event-metrics';
import type { BoardEngine } from './application/engine/board-engine';
import { postgresChecks } from './adapters/observability/health-checks';
import type { Logger } from './adapters/observability/logger';
import { PgTokenDenylist } from './adapters/pg/token-denylist';
import { makePgRefreshTokenStore } from './adapters/pg/refresh-token.store';
import { awaitDependencies, startupChecks } from './adapters/system/startup-checks';
import { SystemClock } from './adapters/system/system.clock';
import { startMoveRecovery } from './adapters/storage/move-recovery';
import { redisModule } from './redis.module';
import { notificationMail, type NotificationMailRuntime } from './notification-mail';
import { migrateAndSeed, openPostgres } from './adapters/storage/postgres-runtime';
import { TOKENS } from './adapters/tokens';
import { attachGateway, type Gateway } from './adapters/ws/gateway';
import { sessionVerifier } from './adapters/ws/session';
import type { Application } from './application/api';
import type { ControlBus, ControlMessage, EventSubscriber } from './application/ports';
import {
  buildContainer,
  localCoordination,
  type DurableSessions,
  memoryModule,
  postgresModule,
  startNotificationWorker,
} from './composition-root';
import type { OutboxWorker } from './adapters/notifications/outbox-worker';
import type { ShardRouter } from './shard-router/sharded-board-store';

/** Something the server opened and must release on the way down. */
interface Resource {
  readonly module: ContainerModule;
  readonly close: () => Promise<void>;
  /** What /readyz probes for this resource. */
  readonly checks?: readonly ReadinessCheck[];
}

interface OpenStorage extends Resource {
  /** The shard router, when storage is sharded Postgres. */
  readonly router: ShardRouter | null;
  /** Refresh tokens and denied access tokens in the catalog, for a single instance without Redis; none in memory mode. */
  readonly sessions?: DurableSessions;
  /** Starts settling tenant moves whose mover died (sharded Postgres); answers how to stop it. */
  readonly settleMoves?: (control: ControlBus) => () => Promise<void>;
}

const onPostgres = async (
  catalogUrl: string,
  shardUrls: readonly ShardUrl[],
  logger: Logger,
  migrateFirst: boolean,
  placementTtlMs?: number,
): Promise<OpenStorage> => {
  const rt = openPostgres(catalogUrl, shardUrls, {
    ...(placementTtlMs !== undefined && { placementTtlMs }),
    onPoolError: (err, database) => logger.warn({ err, database }, 'idle database connection failed'),
  });
  if (migrateFirst) {
    const { applied } = await migrateAndSeed(rt);
    logger.info({ applied }, 'migrations applied');
  }
  return {
    module: postgresModule(rt),
    close: rt.close,
    router: rt.router,
    checks: postgresChecks(rt),
    sessions: {
      refreshTokens: makePgRefreshTokenStore(rt.catalog),
      denylist: new PgTokenDenylist(rt.catalog, new SystemClock()),
    },
    settleMoves: (control) => startMoveRecovery(rt, (m) => control.publish(m)(), logger),
  };
};

const openStorage = async (config: Config, logger: Logger, placementTtlMs?: number): Promise<OpenStorage> => {
  switch (config.storage) {
    case 'memory':
      logger.warn('STORAGE=memory: data lives in this process and is lost on exit');
      return { module: memoryModule, close: async () => undefined, router: null };
    case 'embedded': {
      const pg = await startEmbeddedPostgres(config.dataDir, { shards: 2, basePort: config.embeddedPgPort });
      const shards = Object.entries(pg.shardUrls).map(([id, url]) => ({ id, url }));
      logger.info({ dataDir: config.dataDir, shards: shards.length }, 'embedded Postgres started');
      const storage = await onPostgres(pg.catalogUrl, shards, logger, true);
      return { ...storage, close: async () => (await storage.close(), await pg.stop()) };
    }
    case 'postgres':
      // Production runs `boardroom migrate` once per release instead of racing it from every instance.
      return onPostgres(config.catalogUrl as string, config.shardUrls, logger, false, placementTtlMs);
  }
};

/**
 * Redis for refresh tokens, events and control messages when REDIS_URL is set (its module opens and
 * closes its own connections); in-process otherwise, with refresh tokens and the denylist in the catalog
 * database when there is one, so a restart logs nobody out and revives no revoked token.
 */
const coordinationModule = (config: Config, storage: OpenStorage): ContainerModule =>
  config.redisUrl === null
    ? localCoordination(storage.sessions)
    : // Only database reads are worth caching; in-memory storage is already as fast as the cache.
      redisModule({ readCache: storage.router !== null });

/**
 * Every event this instance hears for a board it follows also goes to the board engine, keeping the copy
 * it holds current, so its next commit there rarely finds the seq moved.
 */
const feedingEngine = (subscriber: EventSubscriber, engine: BoardEngine): EventSubscriber => ({
  onResync: (listener) => subscriber.onResync(listener),
  subscribe: (teamId, boardId, listener) =>
    subscriber.subscribe(teamId, boardId, (event) => {
      engine.observe(event);
      listener(event);
    }),
});

/** Acts on control messages from any instance (this one included). */
const obeyControl = (control: ControlBus, gateway: Gateway, router: ShardRouter | null, logger: Logger) =>
  control.onMessage((m: ControlMessage) => {
    // A notification is not operational news, and its text is the person's own: not logged.
    if (m.type !== 'user.notified' && m.type !== 'notifications.read') logger.info({ control: m }, 'control message');
    // Placement first, so sockets told to resync after a move read the team from its new shard.
    if (m.type === 'tenant.moved') router?.invalidate(m.teamId);
    // Sign-outs close all of the user's sockets, a revoked session only its own, a role change is told.
    gateway.obey(m);
  });

export interface ServerOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Overrides `config.port`; 0 picks a free port (tests). */
  readonly port?: number;
  readonly host?: string;
  /** The built web client to serve (default web/dist beside the sources). */
  readonly webDistDir?: string;
  readonly reportError?: (err: unknown) => void;
  /** Overrides `config.metricsPort` when METRICS_PORT is set; 0 picks a free port (tests). */
  readonly metricsPort?: number;
  /** How long placement is cached (tests lengthen it to prove fences and control messages, not the TTL). */
  readonly placementTtlMs?: number;
  /** How often the notification outboxes are polled besides this instance's own commits (default 1 s). */
  readonly notificationPollMs?: number;
}

/** A listening Boardroom instance: HTTP API, web client and WebSocket gateway on one port. */
export interface RunningServer {
  readonly port: number;
  /** The port serving /metrics when METRICS_PORT is set, else null (then /metrics is on `port`, guarded). */
  readonly metricsPort: number | null;
  readonly url: string;
  readonly container: Container;
  readonly application: Application;
  readonly gateway: Gateway;
  readonly http: Server;
  /** The shard router when storage is sharded Postgres. */
  readonly router: ShardRouter | null;
  /** Drains the shards' notification outboxes into notifications. */
  readonly notificationWorker: OutboxWorker;
  /** Notification e-mail of this instance: its sender loop and due-date scan (the queue listener is among `notify`'s). */
  readonly mail: NotificationMailRuntime;
  /** Closes sockets (clients reconnect elsewhere), lets in-flight requests finish, then releases storage. */
  readonly stop: () => Promise<void>;
}

const listen = (server: Server, port: number, host?: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** Opens storage and coordination for the configured mode, wires the container, and listens. */
export const startServer = async (opts: ServerOptions): Promise<RunningServer> => {
  const { config, logger } = opts;
  // A wrong URL fails start-up within STARTUP_TIMEOUT_MS, naming its variable, instead of hanging it.
  await awaitDependencies(startupChecks(config), config.startupTimeoutMs);
  const storage = await openStorage(config, logger, opts.placementTtlMs);
  const container = buildContainer({
    config,
    jwtSecret: resolveJwtSecret(config),
    logger,
    storage: storage.module,
    coordination: coordinationModule(config, storage),
    webDistDir: opts.webDistDir ?? path.resolve(__dirname, '../web/dist'),
    ...(opts.reportError && { reportError: opts.reportError }),
    readiness: storage.checks ?? [],
  });
  const application = container.get(TOKENS.Application);
  const http = createServer(container.get(TOKENS.HttpApp));
  const gateway = attachGateway(http, {
    application,
    verifySession: sessionVerifier(application, container.get(TOKENS.AccessTokens), container.get(TOKENS.Clock)),
    subscriber: feedingEngine(measureDelivery(container.get(TOKENS.Events)), container.get(TOKENS.BoardEngine)),
    allowedOrigins: config.allowedOrigins,
    logger,
    presence: container.get(TOKENS.Presence),
    presenceTimings: { heartbeatMs: config.presenceHeartbeatMs },
    settings: { maxSubscriptions: config.wsMaxSubscriptionsPerSocket, maxSocketsPerUser: config.wsMaxSocketsPerUser },
  });
  // What the modules opened while the container was wired (Redis subscriptions) is up before anything starts.
  await container.get(TOKENS.Lifecycle).ready();
  const stopListening = obeyControl(container.get(TOKENS.Control), gateway, storage.router, logger);
  const stopSettling = storage.settleMoves?.(container.get(TOKENS.Control));
  const notificationWorker = startNotificationWorker(container, logger, {
    ...(opts.notificationPollMs !== undefined && { pollMs: opts.notificationPollMs }),
  });
  // Notification e-mail: every instance sends and scans due dates (batches and scan turns are claimed).
  const mail = notificationMail(container, config, logger);
  const stopSender = mail.startSender();
  const stopDueScan = mail.startDueScan(container.get(TOKENS.Notify));
  const port = await listen(http, opts.port ?? config.port, opts.host);
  const metricsHttp = config.metricsPort === null ? null : createServer(createMetricsApp(config.metricsToken));
  const metricsPort = metricsHttp
    ? await listen(metricsHttp, opts.metricsPort ?? config.metricsPort ?? 0, opts.host)
    : null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stopListening();
      await gateway.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
      });
      await new Promise<void>((resolve) => (metricsHttp ? metricsHttp.close(() => resolve()) : resolve()));
      await stopSettling?.();
      await notificationWorker.stop();
      await stopDueScan();
      await stopSender();
      await Promise.all([container.get(TOKENS.Lifecycle).close(), storage.close()]);
    })());
  return {
    port,
    metricsPort,
    url: `http://localhost:${port}`,
    container,
    application,
    gateway,
    http,
    router: storage.router,
    notificationWorker,
    mail,
    stop,
  };
};
