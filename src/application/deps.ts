import type {
  AccessTokenDenylist,
  AccessTokens,
  ControlBus,
  BoardStore,
  Clock,
  EventPublisher,
  IdGenerator,
  InvitationRepository,
  Mailer,
  PasswordHasher,
  RateLimiter,
  RateRule,
  RefreshTokenStore,
  SecretGenerator,
  TeamRepository,
  UserRepository,
} from './ports';

/** Every limit the use cases enforce. */
export interface RateLimits {
  /** Failed logins per account (normalized email). */
  readonly loginPerAccount: RateRule;
  /** Failed logins per client IP, whatever the account. */
  readonly loginPerIp: RateRule;
  /** Board, list, card and comment mutations per user, over REST and WebSocket alike. */
  readonly mutationsPerUser: RateRule;
}

/** Settings the use cases need (lifetimes), decoded from the environment by the config adapter. */
export interface AppSettings {
  /** Refresh token lifetime in seconds (default 30 days). */
  readonly refreshTokenTtlSeconds: number;
  /** Where people open the app (`PUBLIC_URL`), for links in e-mails; no trailing slash. */
  readonly publicUrl?: string;
  /** Login and mutation limits; `DEFAULT_RATE_LIMITS` when absent. */
  readonly rateLimits?: RateLimits;
}

/** Every port the application needs; the composition root provides them. */
export interface AppDeps {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  /** Pending and answered team invitations (catalog). */
  readonly invitations: InvitationRepository;
  readonly boards: BoardStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly passwords: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly secrets: SecretGenerator;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly events: EventPublisher;
  /** Tells every instance about sign-outs and removed members so their sockets close. */
  readonly control: ControlBus;
  /** Login brute-force and mutation budgets, shared by every instance. */
  readonly rateLimiter: RateLimiter;
  /** Access tokens revoked before their expiry (logout, password change). */
  readonly denylist: AccessTokenDenylist;
  /** Outbound e-mail (invitations, password reset). */
  readonly mailer: Mailer;
  readonly settings: AppSettings;
}
