import type { Express } from 'express';
import type { Application } from '../application/api';
import type { AppSettings } from '../application/deps';
import type { BoardEngine } from '../application/engine/board-engine';
import type { deliverOutbox } from '../application/notifications/deliver-outbox';
import type { notify } from '../application/notifications/notify';
import type {
  AccessTokenDenylist,
  AccessTokens,
  AuthorizationCache,
  BlobStore,
  BoardStore,
  Clock,
  ControlBus,
  DeviceCookies,
  DueCards,
  EventPublisher,
  EventSubscriber,
  IdGenerator,
  InvitationRepository,
  Mailer,
  MailQueue,
  NotificationOutbox,
  NotificationStore,
  PasswordHasher,
  PresenceBus,
  RateLimiter,
  ReadCache,
  RefreshTokenStore,
  SchedulerRuns,
  SecretGenerator,
  TeamRepository,
  TeamSearch,
  Thumbnailer,
  UnsubscribeTokens,
  UserRepository,
  WatchStore,
} from '../application/ports';
import type { Config } from './config/config';
import type { ReadinessCheck } from './http/readiness';
import type { Lifecycle } from './lifecycle';
import type { OutboxWakeup } from './notifications/outbox-worker';
import type { Logger } from './observability/logger';

declare const carries: unique symbol;

/**
 * An inversify service identifier that carries the type bound to it. At run time it is a plain symbol;
 * to the compiler it also looks like an abstract constructor of `T`, which is how inversify's own
 * `bind<T>(id: ServiceIdentifier<T>)` and `get<T>(id)` infer `T`: `container.get(TOKENS.Users)` is a
 * `UserRepository` without a type argument, and binding something else to it does not compile. The
 * constructor cannot be called (abstract, and its one parameter has a type no value has).
 */
export type Token<T> = symbol & (abstract new (...args: [typeof carries]) => T);

/** `Symbol.for` keeps tokens equal across module copies (jest may load this file more than once). */
export const token = <T>(name: string): Token<T> => Symbol.for(`boardroom.${name}`) as Token<T>;

/** What the event bus is: the use cases publish to it, the socket gateway subscribes to it. */
export type EventBus = EventPublisher & EventSubscriber;

/** The service identifiers of the container, one per port or built object, each with its type. */
export const TOKENS = {
  Config: token<Config>('Config'),
  Logger: token<Logger>('Logger'),
  Users: token<UserRepository>('UserRepository'),
  Teams: token<TeamRepository>('TeamRepository'),
  Invitations: token<InvitationRepository>('InvitationRepository'),
  Boards: token<BoardStore>('BoardStore'),
  Search: token<TeamSearch>('TeamSearch'),
  Blobs: token<BlobStore>('BlobStore'),
  Notifications: token<NotificationStore>('NotificationStore'),
  Watches: token<WatchStore>('WatchStore'),
  /** Every shard's notification outbox (one in memory mode). */
  NotificationOutboxes: token<readonly NotificationOutbox[]>('NotificationOutboxes'),
  /** Turns outbox entries into notifications (`deliverOutbox`). */
  NotificationDelivery: token<ReturnType<typeof deliverOutbox>>('NotificationDelivery'),
  /** `notify` with the app's listeners: the one way a notification is made (invitations, the due-date scan). */
  Notify: token<ReturnType<typeof notify>>('Notify'),
  OutboxWakeup: token<OutboxWakeup>('OutboxWakeup'),
  Thumbnails: token<Thumbnailer>('Thumbnailer'),
  RefreshTokens: token<RefreshTokenStore>('RefreshTokenStore'),
  Passwords: token<PasswordHasher>('PasswordHasher'),
  AccessTokens: token<AccessTokens>('AccessTokens'),
  Secrets: token<SecretGenerator>('SecretGenerator'),
  Clock: token<Clock>('Clock'),
  Ids: token<IdGenerator>('IdGenerator'),
  /** Board events between instances: one bus, published to by the use cases, subscribed to by sockets. */
  Events: token<EventBus>('EventBus'),
  Control: token<ControlBus>('ControlBus'),
  RateLimiter: token<RateLimiter>('RateLimiter'),
  Denylist: token<AccessTokenDenylist>('AccessTokenDenylist'),
  AuthCache: token<AuthorizationCache>('AuthorizationCache'),
  Presence: token<PresenceBus>('PresenceBus'),
  BoardEngine: token<BoardEngine>('BoardEngine'),
  DeviceCookies: token<DeviceCookies>('DeviceCookies'),
  Mailer: token<Mailer>('Mailer'),
  UnsubscribeTokens: token<UnsubscribeTokens>('UnsubscribeTokens'),
  MailQueue: token<MailQueue>('MailQueue'),
  DueCards: token<DueCards>('DueCards'),
  SchedulerRuns: token<SchedulerRuns>('SchedulerRuns'),
  AppSettings: token<AppSettings>('AppSettings'),
  /** What the modules opened: awaited before serving, closed on the way down. */
  Lifecycle: token<Lifecycle>('Lifecycle'),
  /** What /readyz probes besides the spec's checks: one binding per check a module adds (Redis). */
  Readiness: token<ReadinessCheck>('ReadinessCheck'),
  /** The shared cache of read-mostly data, when a module binds one (Redis over Postgres). */
  ReadCache: token<ReadCache>('ReadCache'),
  Application: token<Application>('Application'),
  HttpApp: token<Express>('HttpApp'),
} as const;
