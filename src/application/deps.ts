import type {
  AccessTokens,
  BoardStore,
  Clock,
  EventPublisher,
  IdGenerator,
  PasswordHasher,
  RefreshTokenStore,
  SecretGenerator,
  TeamRepository,
  UserRepository,
} from './ports';

/** Settings the use cases need (lifetimes), decoded from the environment by the config adapter. */
export interface AppSettings {
  /** Refresh token lifetime in seconds (default 30 days). */
  readonly refreshTokenTtlSeconds: number;
}

/** Every port the application needs; the composition root provides them. */
export interface AppDeps {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  readonly boards: BoardStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly passwords: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly secrets: SecretGenerator;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly events: EventPublisher;
  readonly settings: AppSettings;
}
