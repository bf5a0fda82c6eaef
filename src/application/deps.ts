import type { BoardEngine } from './engine/board-engine';
import type { rebatchMail } from './notifications/listeners';
import type { notify } from './notifications/notify';
import type {
  AccessTokenDenylist,
  AccessTokens,
  AuthorizationCache,
  BlobStore,
  ControlBus,
  DeviceCookies,
  BoardStore,
  Clock,
  EventPublisher,
  IdGenerator,
  InvitationRepository,
  Mailer,
  NotificationStore,
  PasswordHasher,
  RateLimiter,
  RateRule,
  RefreshTokenStore,
  SecretGenerator,
  TeamSearch,
  TeamRepository,
  Thumbnailer,
  UnsubscribeTokens,
  UserRepository,
  WatchStore,
} from './ports';

/** Every limit the use cases enforce. */
export interface RateLimits {
  /**
   * Failed logins per account (normalized email) from devices it does not know, all IPs together: a
   * backstop against guessing from many addresses, set well above `loginPerAccountIp`.
   */
  readonly loginPerAccount: RateRule;
  /** Failed logins per account from one client IP (unknown devices): a stranger locks out only themself. */
  readonly loginPerAccountIp: RateRule;
  /** Failed logins per known device (a valid device cookie for the account), instead of the account budgets. */
  readonly loginPerDevice: RateRule;
  /** Failed logins per client IP, whatever the account. */
  readonly loginPerIp: RateRule;
  /** Sign-ups per client IP. */
  readonly signupsPerIp: RateRule;
  /** Board, list, card and comment mutations per user, over REST and WebSocket alike. */
  readonly mutationsPerUser: RateRule;
}

/** Settings the use cases need (lifetimes), decoded from the environment by the config adapter. */
export interface AppSettings {
  /** Refresh token lifetime in seconds (default 30 days). */
  readonly refreshTokenTtlSeconds: number;
  /** Where people open the app (`PUBLIC_URL`), for links in e-mails; no trailing slash. */
  readonly publicUrl?: string;
  /** Access token lifetime in seconds: how long a revoked session's tokens must be refused (default: the refresh lifetime). */
  readonly accessTokenTtlSeconds?: number;
  /** Login, sign-up and mutation limits; each one absent is its `DEFAULT_RATE_LIMITS` value. */
  readonly rateLimits?: Partial<RateLimits>;
  /** Bytes of attachments a team may store (default 1 GiB). */
  readonly attachmentQuotaBytes?: number;
}

/** Every port the application needs; the composition root provides them. */
export interface AppDeps {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  /** Pending and answered team invitations (catalog). */
  readonly invitations: InvitationRepository;
  readonly boards: BoardStore;
  /** Full-text search over a team's boards, cards and comments, on the team's shard. */
  readonly search: TeamSearch;
  /** This instance's boards in memory: decides and commits every board change (see engine/board-engine). */
  readonly engine: BoardEngine;
  readonly refreshTokens: RefreshTokenStore;
  readonly passwords: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly secrets: SecretGenerator;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly events: EventPublisher;
  /** Tells every instance about sign-outs and removed members so their sockets close. */
  readonly control: ControlBus;
  /** This instance's memory of verified sessions and memberships; emptied by control messages and a TTL. */
  readonly authCache: AuthorizationCache;
  /** Login brute-force and mutation budgets, shared by every instance. */
  readonly rateLimiter: RateLimiter;
  /** Access tokens revoked before their expiry (logout, password change, ended sessions). */
  readonly denylist: AccessTokenDenylist;
  /** Signed cookies that mark a browser as one the account signed in from before (login throttling). */
  readonly deviceCookies: DeviceCookies;
  /** Outbound e-mail (invitations, password reset). */
  readonly mailer: Mailer;
  /** Signs and checks the one-click unsubscribe links of notification e-mails. */
  readonly unsubscribeTokens: UnsubscribeTokens;
  /** Attachments' bytes, on the team's shard. */
  readonly blobs: BlobStore;
  /** Previews of image attachments. */
  readonly thumbnails: Thumbnailer;
  readonly settings: AppSettings;
  /** Each person's notifications (catalog). */
  readonly notifications: NotificationStore;
  /** Who watches which board or card (catalog). */
  readonly watches: WatchStore;
  /** Records notifications and tells every listener (live delivery, the e-mail queue): see notifications/listeners. */
  readonly notify: ReturnType<typeof notify>;
  /** Moves a person's queued e-mail to the batches of their digest mode, after they change it. */
  readonly rebatchMail: ReturnType<typeof rebatchMail>;
}
