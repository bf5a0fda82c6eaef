import 'reflect-metadata';
import { Container, ContainerModule, type ResolutionContext } from 'inversify';
import type { Config } from './adapters/config/config';
import { createHttpApp } from './adapters/http/app';
import type { ReadinessCheck } from './adapters/http/readiness';
import { countPublished } from './adapters/observability/event-metrics';
import { cachedBoards, cachedInvitations, cachedTeams } from './adapters/redis/cache.read-through';
import type { ReadCache } from './application/ports/cache';
import {
  MemoryAuthorizationCache,
  MemoryBlobStore,
  MemoryBoardStore,
  MemoryControlBus,
  MemoryEventBus,
  MemoryInvitationRepository,
  MemoryNotificationOutbox,
  MemoryNotificationStore,
  MemoryDueCards,
  MemoryMailQueue,
  MemorySchedulerRuns,
  MemoryPresenceBus,
  MemoryRateLimiter,
  MemoryRefreshTokenStore,
  MemoryTeamRepository,
  MemoryTeamSearch,
  MemoryTokenDenylist,
  MemoryUserRepository,
  MemoryWatchStore,
} from './adapters/memory';
import { makePgNotificationOutbox } from './adapters/pg/notification-outbox';
import { makePgNotificationStore } from './adapters/pg/notification.store';
import { makePgWatchStore } from './adapters/pg/watch.store';
import { OutboxWakeup, startOutboxWorker, type OutboxWorker } from './adapters/notifications/outbox-worker';
import { deliverOutbox } from './application/notifications/deliver-outbox';
import { notifyDeps, rebatchMail, type ListenerDeps } from './application/notifications/listeners';
import { notify } from './application/notifications/notify';
import { mailerFromConfig } from './adapters/mail/select';
import type { Logger } from './adapters/observability/logger';
import { Argon2PasswordHasher } from './adapters/security/argon2.password-hasher';
import { CryptoSecrets } from './adapters/security/crypto.secrets';
import { HmacDeviceCookies } from './adapters/security/hmac.device-cookies';
import { JoseAccessTokens } from './adapters/security/jose.access-tokens';
import { JoseUnsubscribeTokens } from './adapters/security/jose.unsubscribe-tokens';
import { rateLimitsFromConfig } from './adapters/security/rate-limit-settings';
import { SystemClock } from './adapters/system/system.clock';
import { UuidV7Ids } from './adapters/system/uuid-v7.ids';
import { token, TOKENS } from './adapters/tokens';
import { makePgDueCards, makePgSchedulerRuns } from './adapters/pg/due-cards';
import { makePgInvitationRepository } from './adapters/pg/invitation.repository';
import { makePgMailQueue } from './adapters/pg/mail-queue';
import { makePgTeamRepository } from './adapters/pg/team.repository';
import { makePgUserRepository } from './adapters/pg/user.repository';
import type { PostgresRuntime } from './adapters/storage/postgres-runtime';
import { SharpThumbnailer } from './adapters/images/sharp.thumbnailer';
import type { AccessTokenDenylist, BoardStore, RefreshTokenStore } from './application/ports';
import { Lifecycle } from './adapters/lifecycle';
import { serveWeb } from './adapters/http/web/serve-web';
import type { AppDeps } from './application/deps';
import { makeApplication } from './application/make-application';
import { BoardEngine } from './application/engine/board-engine';
import { forgetOnControl } from './application/revocation';

/**
 * Where ports meet adapters, in typed tokens (`TOKENS`). A storage module (`memoryModule` or
 * `postgresModule`) binds the durable ports; a coordination module (`localCoordination` for one instance,
 * `redisModule` in ./redis.module for many) binds what instances share: refresh tokens, the event bus,
 * control messages, limits, the denylist, presence. `coreModule` binds everything else, the container's
 * `Lifecycle` among it, and builds the Application and the HTTP app from whatever is bound.
 */

/** The memory adapters under their own types, for the adapters built on them (and tests that inspect them). */
export const MEMORY = {
  Teams: token<MemoryTeamRepository>('memory.TeamRepository'),
  Boards: token<MemoryBoardStore>('memory.BoardStore'),
  Outbox: token<MemoryNotificationOutbox>('memory.NotificationOutbox'),
} as const;

/** Users, teams and boards in process memory: tests, demos and `STORAGE=memory`. */
export const memoryModule = new ContainerModule(({ bind }) => {
  bind(MEMORY.Teams)
    .toDynamicValue(() => new MemoryTeamRepository())
    .inSingletonScope();
  bind(TOKENS.Teams).toService(MEMORY.Teams);
  // One catalog: deleting an account leaves the user's teams through the team repository.
  bind(TOKENS.Users)
    .toDynamicValue((ctx) => new MemoryUserRepository(ctx.get(MEMORY.Teams)))
    .inSingletonScope();
  // Accepting writes the membership into the same memory store, as one Postgres transaction would.
  bind(TOKENS.Invitations)
    .toDynamicValue((ctx) => new MemoryInvitationRepository(ctx.get(MEMORY.Teams)))
    .inSingletonScope();
  // The memory board store feeds the memory outbox on every commit, as the shard's trigger does.
  bind(MEMORY.Outbox)
    .toDynamicValue(() => new MemoryNotificationOutbox())
    .inSingletonScope();
  bind(TOKENS.NotificationOutboxes)
    .toDynamicValue((ctx) => [ctx.get(MEMORY.Outbox)])
    .inSingletonScope();
  bind(MEMORY.Boards)
    .toDynamicValue((ctx) => new MemoryBoardStore({ onCommitted: ctx.get(MEMORY.Outbox).add }))
    .inSingletonScope();
  bind(TOKENS.Boards).toService(MEMORY.Boards);
  bind(TOKENS.Notifications)
    .toDynamicValue((ctx) => new MemoryNotificationStore(ctx.get(MEMORY.Teams).isMember))
    .inSingletonScope();
  bind(TOKENS.Watches)
    .toDynamicValue(() => new MemoryWatchStore())
    .inSingletonScope();
  bind(TOKENS.Search).toDynamicValue((ctx) => new MemoryTeamSearch(ctx.get(TOKENS.Boards)));
  bind(TOKENS.Blobs)
    .toDynamicValue(() => new MemoryBlobStore())
    .inSingletonScope();
  bind(TOKENS.MailQueue)
    .toDynamicValue(() => new MemoryMailQueue())
    .inSingletonScope();
  bind(TOKENS.DueCards)
    .toDynamicValue((ctx) => new MemoryDueCards(ctx.get(MEMORY.Boards)))
    .inSingletonScope();
  bind(TOKENS.SchedulerRuns)
    .toDynamicValue(() => new MemorySchedulerRuns())
    .inSingletonScope();
});

/** Users and teams in the catalog database; boards on the team's shard, routed by the shard router. */
export const postgresModule = (rt: PostgresRuntime) =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.Users).toConstantValue(makePgUserRepository(rt.catalog));
    bind(TOKENS.Teams).toConstantValue(makePgTeamRepository(rt.catalog));
    bind(TOKENS.Invitations).toConstantValue(makePgInvitationRepository(rt.catalog));
    bind(TOKENS.Boards).toConstantValue(rt.router.boards);
    bind(TOKENS.Search).toConstantValue(rt.search);
    bind(TOKENS.Blobs).toConstantValue(rt.blobs);
    bind(TOKENS.Notifications).toConstantValue(makePgNotificationStore(rt.catalog));
    bind(TOKENS.Watches).toConstantValue(makePgWatchStore(rt.catalog));
    bind(TOKENS.NotificationOutboxes).toConstantValue([...rt.shards.values()].map(makePgNotificationOutbox));
    bind(TOKENS.MailQueue).toConstantValue(makePgMailQueue(rt.catalog));
    bind(TOKENS.DueCards).toConstantValue(makePgDueCards(rt.shards));
    bind(TOKENS.SchedulerRuns).toConstantValue(makePgSchedulerRuns(rt.catalog));
  });

/** Session state that must outlive a restart: refresh tokens and the access-token denylist. */
export interface DurableSessions {
  readonly refreshTokens: RefreshTokenStore;
  readonly denylist: AccessTokenDenylist;
}

/**
 * The event bus, control channel, limits and denylist inside this process: right for a single instance
 * only. Refresh tokens and the denylist go to `durable` when given (the catalog database, so sessions and
 * their revocations survive a restart), to process memory otherwise.
 */
export const localCoordination = (durable?: DurableSessions) =>
  new ContainerModule(({ bind }) => {
    const refreshTokens = durable?.refreshTokens;
    if (refreshTokens) bind(TOKENS.RefreshTokens).toConstantValue(refreshTokens);
    else
      bind(TOKENS.RefreshTokens)
        .toDynamicValue((ctx) => new MemoryRefreshTokenStore(ctx.get(TOKENS.Clock)))
        .inSingletonScope();
    bind(TOKENS.Events)
      .toDynamicValue(() => new MemoryEventBus())
      .inSingletonScope();
    bind(TOKENS.Control)
      .toDynamicValue(() => new MemoryControlBus())
      .inSingletonScope();
    bind(TOKENS.RateLimiter)
      .toDynamicValue((ctx) => new MemoryRateLimiter(ctx.get(TOKENS.Clock)))
      .inSingletonScope();
    bind(TOKENS.Presence)
      .toDynamicValue((ctx) => new MemoryPresenceBus(ctx.get(TOKENS.Config).presenceTtlMs))
      .inSingletonScope();
    if (durable) bind(TOKENS.Denylist).toConstantValue(durable.denylist);
    else
      bind(TOKENS.Denylist)
        .toDynamicValue((ctx) => new MemoryTokenDenylist(ctx.get(TOKENS.Clock)))
        .inSingletonScope();
  });

/** Everything in process memory, refresh tokens included: tests, demos and `STORAGE=memory`. */
export const localModule = localCoordination();

/** The spec's read cache, else the one a module bound (Redis over Postgres), else none. */
const readCacheOf = (ctx: ResolutionContext, given?: ReadCache): ReadCache | undefined =>
  given ?? ctx.get(TOKENS.ReadCache, { optional: true });

/** `port` read through `cache` when there is one. */
const withCache = <P>(port: P, cache: ReadCache | undefined, wrap: (p: P, c: ReadCache) => P): P =>
  cache ? wrap(port, cache) : port;

/** The board store the use cases and the board engine share: the shard router, through the cache if any. */
const boardsOf = (ctx: ResolutionContext, readCache?: ReadCache): BoardStore =>
  withCache(ctx.get(TOKENS.Boards), readCache, cachedBoards);

const appDeps = (ctx: ResolutionContext, readCache?: ReadCache): AppDeps => ({
  users: ctx.get(TOKENS.Users),
  teams: withCache(ctx.get(TOKENS.Teams), readCache, cachedTeams),
  invitations: withCache(ctx.get(TOKENS.Invitations), readCache, cachedInvitations),
  boards: boardsOf(ctx, readCache),
  search: ctx.get(TOKENS.Search),
  engine: ctx.get(TOKENS.BoardEngine),
  refreshTokens: ctx.get(TOKENS.RefreshTokens),
  passwords: ctx.get(TOKENS.Passwords),
  accessTokens: ctx.get(TOKENS.AccessTokens),
  secrets: ctx.get(TOKENS.Secrets),
  clock: ctx.get(TOKENS.Clock),
  ids: ctx.get(TOKENS.Ids),
  events: ctx.get(TOKENS.OutboxWakeup).publishing(countPublished(ctx.get(TOKENS.Events))),
  control: ctx.get(TOKENS.Control),
  rateLimiter: ctx.get(TOKENS.RateLimiter),
  denylist: ctx.get(TOKENS.Denylist),
  authCache: ctx.get(TOKENS.AuthCache),
  deviceCookies: ctx.get(TOKENS.DeviceCookies),
  mailer: ctx.get(TOKENS.Mailer),
  unsubscribeTokens: ctx.get(TOKENS.UnsubscribeTokens),
  blobs: ctx.get(TOKENS.Blobs),
  thumbnails: ctx.get(TOKENS.Thumbnails),
  settings: ctx.get(TOKENS.AppSettings),
  notifications: ctx.get(TOKENS.Notifications),
  watches: ctx.get(TOKENS.Watches),
  notify: ctx.get(TOKENS.Notify),
  rebatchMail: rebatchMail(listenerDeps(ctx)),
});

/** What every notification's listeners (live delivery, the e-mail queue) are built from. */
const listenerDeps = (ctx: ResolutionContext): ListenerDeps => ({
  users: ctx.get(TOKENS.Users),
  notifications: ctx.get(TOKENS.Notifications),
  control: ctx.get(TOKENS.Control),
  clock: ctx.get(TOKENS.Clock),
  mailQueue: ctx.get(TOKENS.MailQueue),
  notifyBatchMs: ctx.get(TOKENS.Config).notifyBatchSeconds * 1000,
});

export interface ContainerSpec {
  readonly config: Config;
  readonly jwtSecret: string;
  readonly logger: Logger;
  /** The module binding the storage ports (default `memoryModule`). */
  readonly storage?: ContainerModule;
  /** The module binding what instances share: refresh tokens, the event bus, control (default `localModule`). */
  readonly coordination?: ContainerModule;
  /** The built web client (web/dist) to serve with the landing page; none for an API-only app. */
  readonly webDistDir?: string;
  /** Told about unhandled errors besides the log (Sentry when SENTRY_DSN is set). */
  readonly reportError?: (err: unknown) => void;
  /** What /readyz probes besides the checks modules bind (Redis): the catalog, each shard. */
  readonly readiness?: readonly ReadinessCheck[];
  /** A shared cache of read-mostly data (teams, board lists); else a bound `TOKENS.ReadCache`; else none. */
  readonly readCache?: ReadCache;
}

/** Security, time, ids, settings, the Application and the HTTP app; independent of storage. */
export const coreModule = ({
  config,
  jwtSecret,
  logger,
  reportError,
  webDistDir,
  readiness,
  readCache,
}: ContainerSpec) =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.Config).toConstantValue(config);
    bind(TOKENS.Logger).toConstantValue(logger);
    bind(TOKENS.Lifecycle)
      .toDynamicValue(() => new Lifecycle())
      .inSingletonScope();
    bind(TOKENS.Passwords)
      .toDynamicValue(() => new Argon2PasswordHasher())
      .inSingletonScope();
    bind(TOKENS.AccessTokens)
      .toDynamicValue(() => new JoseAccessTokens(jwtSecret, config.accessTokenTtlSeconds))
      .inSingletonScope();
    bind(TOKENS.Secrets)
      .toDynamicValue(() => new CryptoSecrets())
      .inSingletonScope();
    bind(TOKENS.DeviceCookies)
      .toDynamicValue(() => new HmacDeviceCookies(jwtSecret))
      .inSingletonScope();
    bind(TOKENS.Clock)
      .toDynamicValue(() => new SystemClock())
      .inSingletonScope();
    bind(TOKENS.Ids)
      .toDynamicValue(() => new UuidV7Ids())
      .inSingletonScope();
    bind(TOKENS.Mailer)
      .toDynamicValue(() => mailerFromConfig(config, logger))
      .inSingletonScope();
    bind(TOKENS.UnsubscribeTokens)
      .toDynamicValue(() => new JoseUnsubscribeTokens(jwtSecret))
      .inSingletonScope();
    bind(TOKENS.Thumbnails)
      .toDynamicValue(() => new SharpThumbnailer())
      .inSingletonScope();
    bind(TOKENS.AppSettings).toConstantValue({
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      publicUrl: config.publicUrl,
      rateLimits: rateLimitsFromConfig(config),
      attachmentQuotaBytes: config.attachmentQuotaMb * 1024 * 1024,
    });
    // Per instance, whatever the coordination: it forgets on every control message this instance hears.
    bind(TOKENS.AuthCache)
      .toDynamicValue((ctx) => {
        const cache = new MemoryAuthorizationCache(ctx.get(TOKENS.Clock), {
          ttlMs: config.authCacheTtlMs,
          maxEntries: config.authCacheMaxEntries,
        });
        ctx.get(TOKENS.Control).onMessage(forgetOnControl(cache));
        return cache;
      })
      .inSingletonScope();
    // Per instance: the boards it holds in memory. A team that moved is read again from its new shard.
    bind(TOKENS.BoardEngine)
      .toDynamicValue((ctx) => {
        const engine = new BoardEngine(boardsOf(ctx, readCacheOf(ctx, readCache)));
        ctx.get(TOKENS.Control).onMessage((m) => {
          if (m.type === 'tenant.moved') engine.forgetTeam(m.teamId);
          if (m.type === 'board.deleted') engine.forgetBoard(m.teamId, m.boardId);
        });
        return engine;
      })
      .inSingletonScope();
    bind(TOKENS.OutboxWakeup)
      .toDynamicValue(() => new OutboxWakeup())
      .inSingletonScope();
    bind(TOKENS.NotificationDelivery)
      .toDynamicValue((ctx) =>
        deliverOutbox({ ...listenerDeps(ctx), teams: ctx.get(TOKENS.Teams), watches: ctx.get(TOKENS.Watches) }),
      )
      .inSingletonScope();
    bind(TOKENS.Notify)
      .toDynamicValue((ctx) => notify(notifyDeps(listenerDeps(ctx))))
      .inSingletonScope();
    bind(TOKENS.Application)
      .toDynamicValue((ctx) => makeApplication(appDeps(ctx, readCacheOf(ctx, readCache))))
      .inSingletonScope();
    bind(TOKENS.HttpApp)
      .toDynamicValue((ctx) => {
        const app = createHttpApp(ctx.get(TOKENS.Application), {
          allowedOrigins: config.allowedOrigins,
          cookieSecure: config.cookieSecure,
          trustProxyHops: config.trustProxyHops,
          metrics: { token: config.metricsToken, separatePort: config.metricsPort !== null },
          logger,
          ...(reportError && { reportError }),
          readiness: [...(readiness ?? []), ...ctx.getAll(TOKENS.Readiness)],
        });
        if (webDistDir !== undefined) serveWeb(app, { distDir: webDistDir });
        return app;
      })
      .inSingletonScope();
  });

/** A container with every port bound; `container.get(TOKENS.HttpApp)` is the server's request handler. */
export const buildContainer = (spec: ContainerSpec): Container => {
  const container = new Container();
  container.loadSync(coreModule(spec), spec.storage ?? memoryModule, spec.coordination ?? localModule);
  return container;
};

/**
 * Starts draining every shard's notification outbox into notifications (docs/notifications.md), woken by
 * this instance's own commits and polling for the rest. Stop it before closing storage.
 */
export const startNotificationWorker = (
  container: Container,
  logger: Logger,
  opts: { readonly pollMs?: number } = {},
): OutboxWorker => {
  const worker = startOutboxWorker({
    outboxes: container.get(TOKENS.NotificationOutboxes),
    deliver: container.get(TOKENS.NotificationDelivery),
    logger,
    ...(opts.pollMs !== undefined && { pollMs: opts.pollMs }),
  });
  const stopWaking = container.get(TOKENS.OutboxWakeup).onCommit(worker.wake);
  return {
    ...worker,
    stop: async () => {
      stopWaking();
      await worker.stop();
    },
  };
};
