/**
 * Inversify service identifiers, one Symbol per port or built object. `Symbol.for` keeps them equal
 * across module copies (jest may load this file more than once).
 */
export const TOKENS = {
  Config: Symbol.for('boardroom.Config'),
  Logger: Symbol.for('boardroom.Logger'),
  Users: Symbol.for('boardroom.UserRepository'),
  Teams: Symbol.for('boardroom.TeamRepository'),
  Invitations: Symbol.for('boardroom.InvitationRepository'),
  Boards: Symbol.for('boardroom.BoardStore'),
  Search: Symbol.for('boardroom.TeamSearch'),
  Blobs: Symbol.for('boardroom.BlobStore'),
  Notifications: Symbol.for('boardroom.NotificationStore'),
  Watches: Symbol.for('boardroom.WatchStore'),
  /** Every shard's notification outbox (one in memory mode). */
  NotificationOutboxes: Symbol.for('boardroom.NotificationOutboxes'),
  /** Turns outbox entries into notifications (`deliverOutbox`). */
  NotificationDelivery: Symbol.for('boardroom.NotificationDelivery'),
  /** `notify` with the app's listeners: the one way a notification is made (the due-date scan uses it). */
  Notify: Symbol.for('boardroom.Notify'),
  OutboxWakeup: Symbol.for('boardroom.OutboxWakeup'),
  Thumbnails: Symbol.for('boardroom.Thumbnailer'),
  RefreshTokens: Symbol.for('boardroom.RefreshTokenStore'),
  Passwords: Symbol.for('boardroom.PasswordHasher'),
  AccessTokens: Symbol.for('boardroom.AccessTokens'),
  Secrets: Symbol.for('boardroom.SecretGenerator'),
  Clock: Symbol.for('boardroom.Clock'),
  Ids: Symbol.for('boardroom.IdGenerator'),
  Events: Symbol.for('boardroom.EventPublisher'),
  Control: Symbol.for('boardroom.ControlBus'),
  RateLimiter: Symbol.for('boardroom.RateLimiter'),
  Denylist: Symbol.for('boardroom.AccessTokenDenylist'),
  AuthCache: Symbol.for('boardroom.AuthorizationCache'),
  Presence: Symbol.for('boardroom.PresenceBus'),
  BoardEngine: Symbol.for('boardroom.BoardEngine'),
  DeviceCookies: Symbol.for('boardroom.DeviceCookies'),
  Mailer: Symbol.for('boardroom.Mailer'),
  UnsubscribeTokens: Symbol.for('boardroom.UnsubscribeTokens'),
  MailQueue: Symbol.for('boardroom.MailQueue'),
  DueCards: Symbol.for('boardroom.DueCards'),
  SchedulerRuns: Symbol.for('boardroom.SchedulerRuns'),
  AppSettings: Symbol.for('boardroom.AppSettings'),
  Application: Symbol.for('boardroom.Application'),
  HttpApp: Symbol.for('boardroom.HttpApp'),
} as const;
