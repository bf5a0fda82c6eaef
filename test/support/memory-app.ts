import { BoardEngine } from '../../src/application/engine/board-engine';
import type { Application } from '../../src/application/api';
import type { AppDeps } from '../../src/application/deps';
import { makeApplication } from '../../src/application/make-application';
import { forgetOnControl } from '../../src/application/revocation';
import type { PasswordHasher } from '../../src/application/ports';
import type { RateLimits } from '../../src/application/rate-limits';
import {
  DEFAULT_AUTHORIZATION_CACHE,
  MemoryAuthorizationCache,
  MemoryBlobStore,
  MemoryBoardStore,
  MemoryControlBus,
  MemoryEventBus,
  MemoryInvitationRepository,
  MemoryNotificationOutbox,
  MemoryNotificationStore,
  MemoryRateLimiter,
  MemoryRefreshTokenStore,
  MemoryTeamRepository,
  MemoryTeamSearch,
  MemoryTokenDenylist,
  MemoryMailer,
  MemoryUserRepository,
  MemoryWatchStore,
  MemoryMailQueue,
} from '../../src/adapters/memory';
import { OutboxWakeup, startOutboxWorker, type OutboxWorker } from '../../src/adapters/notifications/outbox-worker';
import { deliverOutbox } from '../../src/application/notifications/deliver-outbox';
import { notifyDeps, rebatchMail, type ListenerDeps } from '../../src/application/notifications/listeners';
import { notify } from '../../src/application/notifications/notify';
import type { NotificationOutbox } from '../../src/application/ports';
import { Argon2PasswordHasher } from '../../src/adapters/security/argon2.password-hasher';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets';
import { HmacDeviceCookies } from '../../src/adapters/security/hmac.device-cookies';
import { JoseAccessTokens } from '../../src/adapters/security/jose.access-tokens';
import { JoseUnsubscribeTokens } from '../../src/adapters/security/jose.unsubscribe-tokens';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7.ids';
import { SharpThumbnailer } from '../../src/adapters/images/sharp.thumbnailer';
import pino from 'pino';
import { ManualClock } from './manual-clock';

export interface MemoryAppOptions {
  /** Where the clock starts (default 2025-01-15T09:00:00Z). */
  readonly now?: Date;
  /** Access token lifetime in seconds (default 900). */
  readonly accessTokenTtlSeconds?: number;
  /** Refresh token lifetime in seconds (default 30 days). */
  readonly refreshTokenTtlSeconds?: number;
  readonly jwtSecret?: string;
  /** Defaults to real argon2id at OWASP cost. */
  readonly passwords?: PasswordHasher;
  /** Login, sign-up and mutation limits (each absent one is its `DEFAULT_RATE_LIMITS` value). */
  readonly rateLimits?: Partial<RateLimits>;
  /** Where links in e-mails point (default https://board.example.com). */
  readonly publicUrl?: string;
  /** How long sessions and memberships are answered from memory (default 5 s on the test's clock). */
  readonly authCacheTtlMs?: number;
  /** Bytes of attachments a team may store (default 1 GiB). */
  readonly attachmentQuotaBytes?: number;
}

/** The ports as the memory app wires them; the event bus is exposed so real-time code can subscribe. */
export type MemoryAppDeps = AppDeps & {
  readonly users: MemoryUserRepository;
  readonly teams: MemoryTeamRepository;
  readonly invitations: MemoryInvitationRepository;
  readonly boards: MemoryBoardStore;
  readonly refreshTokens: MemoryRefreshTokenStore;
  readonly events: MemoryEventBus;
  readonly control: MemoryControlBus;
  readonly rateLimiter: MemoryRateLimiter;
  readonly denylist: MemoryTokenDenylist;
  readonly authCache: MemoryAuthorizationCache;
  readonly mailer: MemoryMailer;
  readonly blobs: MemoryBlobStore;
  readonly notifications: MemoryNotificationStore;
  readonly watches: MemoryWatchStore;
  /** The notification e-mail queue `notify`'s mail listener fills. */
  readonly mailQueue: MemoryMailQueue;
};

/** How long a per-card e-mail waits for more notifications in tests (NOTIFY_BATCH_SECONDS' default). */
const NOTIFY_BATCH_MS = 60_000;

/** `notify` over these catalog ports with every listener, as the composition root binds `TOKENS.Notify`. */
export const notifyOver = (deps: Omit<ListenerDeps, 'notifyBatchMs'>): AppDeps['notify'] =>
  notify(notifyDeps({ ...deps, notifyBatchMs: NOTIFY_BATCH_MS }));

/** `notify` and `rebatchMail` over these catalog ports, as the composition root binds them. */
export const mailOver = (deps: Omit<ListenerDeps, 'notifyBatchMs'>): Pick<AppDeps, 'notify' | 'rebatchMail'> => ({
  notify: notifyOver(deps),
  rebatchMail: rebatchMail({ ...deps, notifyBatchMs: NOTIFY_BATCH_MS }),
});

export interface MemoryApp {
  readonly app: Application;
  readonly deps: MemoryAppDeps;
  readonly clock: ManualClock;
  /** The board store's notification outbox (drained by `worker`). */
  readonly outbox: MemoryNotificationOutbox;
  /**
   * Turns committed events into notifications as soon as they are committed (woken by the outbox); a
   * test that swaps ports (e.g. Postgres) starts its own with `startNotifications`.
   */
  readonly worker: OutboxWorker;
}

/** The whole application on in-memory and real security adapters, with a clock the test controls. */
export const buildMemoryApp = (opts: MemoryAppOptions = {}): MemoryApp => {
  const clock = new ManualClock(opts.now);
  const teams = new MemoryTeamRepository();
  const control = new MemoryControlBus();
  const authCache = new MemoryAuthorizationCache(clock, {
    ttlMs: opts.authCacheTtlMs ?? DEFAULT_AUTHORIZATION_CACHE.ttlMs,
    maxEntries: DEFAULT_AUTHORIZATION_CACHE.maxEntries,
  });
  control.onMessage(forgetOnControl(authCache));
  const outbox = new MemoryNotificationOutbox();
  const boards = new MemoryBoardStore({ onCommitted: outbox.add });
  const ports = {
    users: new MemoryUserRepository(teams),
    teams,
    invitations: new MemoryInvitationRepository(teams),
    boards,
    search: new MemoryTeamSearch(boards),
    engine: new BoardEngine(boards),
    refreshTokens: new MemoryRefreshTokenStore(clock),
    passwords: opts.passwords ?? new Argon2PasswordHasher(),
    accessTokens: new JoseAccessTokens(
      opts.jwtSecret ?? 'test-secret-that-is-at-least-32-bytes-long',
      opts.accessTokenTtlSeconds ?? 900,
    ),
    secrets: new CryptoSecrets(),
    clock,
    ids: new UuidV7Ids(),
    events: new MemoryEventBus(),
    control,
    rateLimiter: new MemoryRateLimiter(clock),
    denylist: new MemoryTokenDenylist(clock),
    authCache,
    deviceCookies: new HmacDeviceCookies(opts.jwtSecret ?? 'test-secret-that-is-at-least-32-bytes-long'),
    mailer: new MemoryMailer(),
    unsubscribeTokens: new JoseUnsubscribeTokens(opts.jwtSecret ?? 'test-secret-that-is-at-least-32-bytes-long'),
    blobs: new MemoryBlobStore(),
    thumbnails: new SharpThumbnailer(),
    settings: {
      refreshTokenTtlSeconds: opts.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
      accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 900,
      publicUrl: opts.publicUrl ?? 'https://board.example.com',
      ...(opts.rateLimits && { rateLimits: opts.rateLimits }),
      ...(opts.attachmentQuotaBytes !== undefined && { attachmentQuotaBytes: opts.attachmentQuotaBytes }),
    },
    notifications: new MemoryNotificationStore(teams.isMember),
    watches: new MemoryWatchStore(),
    mailQueue: new MemoryMailQueue(),
  };
  const deps: MemoryAppDeps = { ...ports, ...mailOver(ports) };
  const worker = startNotifications(deps, [outbox]);
  outbox.onAdded(worker.wake);
  return { app: makeApplication(deps), deps, clock, outbox, worker };
};

/**
 * A notification worker over `outboxes` with the deps' catalog ports, woken by commits published through
 * `wakeup` when given; it polls rarely (tests wake it or wait with `eventually`).
 */
export const startNotifications = (
  deps: Pick<AppDeps, 'teams' | 'watches'> & Omit<ListenerDeps, 'notifyBatchMs'>,
  outboxes: readonly NotificationOutbox[],
  opts: { readonly pollMs?: number; readonly wakeup?: OutboxWakeup } = {},
): OutboxWorker => {
  const worker = startOutboxWorker({
    outboxes,
    deliver: deliverOutbox({ ...deps, notifyBatchMs: NOTIFY_BATCH_MS }),
    logger: pino({ level: 'silent' }),
    pollMs: opts.pollMs ?? 60_000,
  });
  opts.wakeup?.onCommit(worker.wake);
  return worker;
};
