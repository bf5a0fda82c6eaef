import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sequenceS } from 'fp-ts/Apply';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { isNonEmpty } from 'fp-ts/Array';
import * as NEA from 'fp-ts/NonEmptyArray';
import * as t from 'io-ts';

export type Storage = 'embedded' | 'postgres' | 'memory';

export interface ShardUrl {
  readonly id: string;
  readonly url: string;
}

/** Everything the process reads from its environment, decoded once at startup. */
export interface Config {
  readonly port: number;
  readonly storage: Storage;
  readonly catalogUrl: string | null;
  readonly shardUrls: readonly ShardUrl[];
  readonly redisUrl: string | null;
  /** Null in memory/embedded mode without JWT_SECRET: `resolveJwtSecret` then makes and keeps one. */
  readonly jwtSecret: string | null;
  readonly allowedOrigins: readonly string[];
  readonly cookieSecure: boolean;
  readonly sentryDsn: string | null;
  readonly logLevel: string;
  readonly dataDir: string;
  /** Embedded mode: the catalog's port; shard i listens on the next ports (EMBEDDED_PG_PORT, default 54320). */
  readonly embeddedPgPort: number;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /**
   * Failed logins allowed in 15 minutes (then 429): per account from one IP (and per known device), per
   * account from all IPs together (unknown devices), and per client IP.
   */
  readonly loginFailuresPerAccount: number;
  readonly loginFailuresPerAccountAllIps: number;
  readonly loginFailuresPerIp: number;
  /** Accounts one client IP may create per hour (then 429). */
  readonly signupsPerIp: number;
  /** Board mutations per user: sustained rate per second and burst (REST and WebSocket together). */
  readonly mutationRatePerSecond: number;
  readonly mutationBurst: number;
  /** Proxies in front of the server whose X-Forwarded-For is believed (0: use the socket's address). */
  readonly trustProxyHops: number;
  /** Bearer token scrapers must send for /metrics; null leaves it to loopback callers or METRICS_PORT. */
  readonly metricsToken: string | null;
  /** A separate port that serves /metrics (kept off the public one); null serves it on PORT, guarded. */
  readonly metricsPort: number | null;
  /** SMTP relay (`smtp://` or `smtps://`); null writes mail to DATA_DIR/outbox instead. */
  readonly smtpUrl: string | null;
  /** The From header of every message. */
  readonly mailFrom: string;
  /** Where people open the app, for links in e-mails; no trailing slash (default http://localhost:PORT). */
  readonly publicUrl: string;
  /** Boards one WebSocket may watch at once. */
  readonly wsMaxSubscriptionsPerSocket: number;
  /** WebSockets one user may hold on one instance (per instance: a load balancer spreads them). */
  readonly wsMaxSocketsPerUser: number;
  /** How long start-up waits for the catalog, the shards and Redis to answer before giving up. */
  readonly startupTimeoutMs: number;
  /**
   * How long an instance answers a verified session or a membership from memory: the longest a lost
   * control message leaves a revocation unnoticed on one instance (0 turns the cache off).
   */
  readonly authCacheTtlMs: number;
  /** Sessions and memberships each instance remembers (each kind); the least recently used go first. */
  readonly authCacheMaxEntries: number;
  /** How long a socket's presence outlives the last heartbeat of its instance (a crashed instance's sockets vanish then). */
  readonly presenceTtlMs: number;
  /** How often an instance renews its sockets' presence; well under PRESENCE_TTL_MS. */
  readonly presenceHeartbeatMs: number;
  /** Megabytes of attachments one team may store (`ATTACHMENT_QUOTA_MB`, default 1024). */
  readonly attachmentQuotaMb: number;
  /** How long a card's e-mail waits for more notifications after its first (`NOTIFY_BATCH_SECONDS`, 60). */
  readonly notifyBatchSeconds: number;
  /** How often each instance looks for notification e-mail that is due (`MAIL_SEND_INTERVAL_MS`, 5000). */
  readonly mailSendIntervalMs: number;
  /** How often due and overdue cards are looked for (`DUE_SCAN_SECONDS`, 60; one instance does it). */
  readonly dueScanSeconds: number;
}

/** A string-to-value codec whose name reads as the requirement ("an integer from 1 to 65535"). */
const parsed = <A>(requirement: string, parse: (s: string) => A | undefined) =>
  new t.Type<A, string, unknown>(
    requirement,
    (u): u is A => u !== undefined,
    (u, c) => {
      const value = typeof u === 'string' ? parse(u) : undefined;
      return value === undefined ? t.failure(u, c) : t.success(value);
    },
    String,
  );

const int = (min: number, max: number) =>
  parsed(`an integer from ${min} to ${max}`, (s) => {
    const n = /^\d{1,15}$/.test(s) ? Number(s) : NaN;
    return n >= min && n <= max ? n : undefined;
  });

const oneOf = <K extends string>(values: readonly K[]) =>
  parsed(`one of ${values.join(', ')}`, (s) => values.find((v) => v === s));

const url = (protocols: readonly string[]) =>
  parsed(`a URL (${protocols.join(' or ')})`, (s) => {
    try {
      return protocols.includes(new URL(s).protocol) ? s : undefined;
    } catch {
      return undefined;
    }
  });

const PG = ['postgres:', 'postgresql:'];

const shardList = parsed<ShardUrl[]>('a comma list of shard-id=postgres://… entries with distinct ids', (s) => {
  const entries = s.split(',').map((part) => {
    const [id, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    return id && /^[a-z0-9][a-z0-9-]*$/.test(id) && E.isRight(url(PG).decode(value)) ? { id, url: value } : null;
  });
  const ok = entries.filter((e): e is ShardUrl => e !== null);
  return ok.length === entries.length && new Set(ok.map((e) => e.id)).size === ok.length ? ok : undefined;
});

const originList = parsed<string[]>('a comma list of origins such as https://board.example.com', (s) => {
  const origins = s.split(',').map((o) => o.trim());
  const valid = origins.every((o) => {
    try {
      return new URL(o).origin === o;
    } catch {
      return false;
    }
  });
  return valid ? origins : undefined;
});

/** `address` or `Name <address>` on one line (a line break would inject headers). */
const mailbox = parsed('an address such as Boardroom <boardroom@example.com>', (s) =>
  /^([^\r\n<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(s) ? s : undefined,
);

/** An http(s) URL without query or fragment, kept without its trailing slash so links can be appended. */
const baseUrl = parsed('an http(s) URL such as https://board.example.com', (s) => {
  try {
    const u = new URL(s);
    const plain = ['http:', 'https:'].includes(u.protocol) && u.search === '' && u.hash === '';
    return plain && u.username === '' ? `${u.origin}${u.pathname}`.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
});

const bool = parsed('true or false', (s) => ({ true: true, '1': true, false: false, '0': false })[s.toLowerCase()]);
const text = (minLength: number, what: string) => parsed(what, (s) => (s.length >= minLength ? s : undefined));

type Read<A> = E.Either<NEA.NonEmptyArray<string>, A>;

/** One variable: absent or blank means the default; anything else must decode, or the error names it. */
const variable =
  (env: Readonly<Record<string, string | undefined>>) =>
  <A>(name: string, codec: t.Decoder<unknown, A>, fallback: A): Read<A> => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return E.right(fallback);
    return pipe(
      codec.decode(raw),
      E.mapLeft(() => NEA.of(`${name} must be ${codec.name}`)),
    );
  };

const requirePostgresSettings = (config: Config): Read<Config> => {
  if (config.storage !== 'postgres') return E.right(config);
  const missing = [
    config.catalogUrl === null && 'CATALOG_URL is required when STORAGE=postgres',
    config.shardUrls.length === 0 && 'SHARD_URLS is required when STORAGE=postgres',
    config.jwtSecret === null && 'JWT_SECRET is required when STORAGE=postgres (every instance must share it)',
  ].filter((m): m is string => m !== false);
  return isNonEmpty(missing) ? E.left(missing) : E.right(config);
};

/** Decodes the environment; the Left lists every problem, each naming its variable. */
export const loadConfig = (
  env: Readonly<Record<string, string | undefined>>,
): E.Either<NEA.NonEmptyArray<string>, Config> => {
  const read = variable(env);
  return pipe(
    sequenceS(E.getApplicativeValidation(NEA.getSemigroup<string>()))({
      // 0 lets the kernel pick a free port (the process logs the one it got); tests start servers so.
      port: read('PORT', int(0, 65535), 3000),
      storage: read<Storage>('STORAGE', oneOf<Storage>(['embedded', 'postgres', 'memory']), 'embedded'),
      catalogUrl: read<string | null>('CATALOG_URL', url(PG), null),
      shardUrls: read<readonly ShardUrl[]>('SHARD_URLS', shardList, []),
      redisUrl: read<string | null>('REDIS_URL', url(['redis:', 'rediss:']), null),
      jwtSecret: read<string | null>('JWT_SECRET', text(32, 'at least 32 characters long'), null),
      allowedOrigins: read<readonly string[]>('ALLOWED_ORIGINS', originList, []),
      cookieSecure: read('COOKIE_SECURE', bool, false),
      sentryDsn: read<string | null>('SENTRY_DSN', url(['https:', 'http:']), null),
      logLevel: read<string>(
        'LOG_LEVEL',
        oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
        'info',
      ),
      dataDir: read('DATA_DIR', text(1, 'a directory path'), './data'),
      embeddedPgPort: read('EMBEDDED_PG_PORT', int(1024, 65000), 54320),
      accessTokenTtlSeconds: read('ACCESS_TOKEN_TTL_SECONDS', int(30, 86_400), 900),
      refreshTokenTtlSeconds: read('REFRESH_TOKEN_TTL_SECONDS', int(60, 365 * 86_400), 30 * 86_400),
      loginFailuresPerAccount: read('LOGIN_FAILURES_PER_ACCOUNT', int(1, 1_000_000), 10),
      loginFailuresPerAccountAllIps: read('LOGIN_FAILURES_PER_ACCOUNT_ALL_IPS', int(1, 1_000_000), 100),
      loginFailuresPerIp: read('LOGIN_FAILURES_PER_IP', int(1, 1_000_000), 100),
      signupsPerIp: read('SIGNUPS_PER_IP', int(1, 1_000_000), 20),
      mutationRatePerSecond: read('MUTATION_RATE_PER_SECOND', int(1, 1_000_000), 20),
      mutationBurst: read('MUTATION_BURST', int(1, 1_000_000), 60),
      trustProxyHops: read('TRUST_PROXY_HOPS', int(0, 10), 0),
      metricsToken: read<string | null>('METRICS_TOKEN', text(16, 'at least 16 characters long'), null),
      metricsPort: read<number | null>('METRICS_PORT', int(1, 65535), null),
      smtpUrl: read<string | null>('SMTP_URL', url(['smtp:', 'smtps:']), null),
      mailFrom: read('MAIL_FROM', mailbox, 'Boardroom <boardroom@localhost>'),
      publicUrl: read<string | null>('PUBLIC_URL', baseUrl, null),
      wsMaxSubscriptionsPerSocket: read('WS_MAX_SUBSCRIPTIONS_PER_SOCKET', int(1, 10_000), 50),
      wsMaxSocketsPerUser: read('WS_MAX_SOCKETS_PER_USER', int(1, 10_000), 20),
      startupTimeoutMs: read('STARTUP_TIMEOUT_MS', int(100, 600_000), 10_000),
      authCacheTtlMs: read('AUTH_CACHE_TTL_MS', int(0, 60_000), 5_000),
      authCacheMaxEntries: read('AUTH_CACHE_MAX_ENTRIES', int(1, 10_000_000), 50_000),
      presenceTtlMs: read('PRESENCE_TTL_MS', int(100, 600_000), 15_000),
      presenceHeartbeatMs: read('PRESENCE_HEARTBEAT_MS', int(50, 300_000), 5_000),
      attachmentQuotaMb: read('ATTACHMENT_QUOTA_MB', int(1, 100_000_000), 1024),
      notifyBatchSeconds: read('NOTIFY_BATCH_SECONDS', int(0, 86_400), 60),
      mailSendIntervalMs: read('MAIL_SEND_INTERVAL_MS', int(100, 3_600_000), 5_000),
      dueScanSeconds: read('DUE_SCAN_SECONDS', int(1, 86_400), 60),
    }),
    E.map(({ publicUrl, ...rest }) => ({ ...rest, publicUrl: publicUrl ?? `http://localhost:${rest.port}` })),
    E.chain(requirePostgresSettings),
  );
};

/** `loadConfig` for startup: a bad environment stops the process with one message naming every variable. */
export const configFromEnv = (env: Readonly<Record<string, string | undefined>>): Config =>
  pipe(
    loadConfig(env),
    E.getOrElseW((problems) => {
      throw new Error(`Invalid environment: ${problems.join('; ')}`);
    }),
  );

/**
 * The JWT signing secret: JWT_SECRET when given; otherwise (single-instance modes) one generated once and
 * kept in DATA_DIR/jwt-secret, so access tokens survive a restart.
 */
export const resolveJwtSecret = (config: Config): string => {
  if (config.jwtSecret !== null) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
};
