import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { configFromEnv, loadConfig, resolveJwtSecret } from '../../src/adapters/config/config';

const problems = (env: Record<string, string>): string[] => {
  const result = loadConfig(env);
  return E.isLeft(result) ? result.left : [];
};

describe('configuration from the environment', () => {
  it('an empty environment gives the documented defaults', () => {
    expect(configFromEnv({})).toEqual({
      port: 3000,
      storage: 'embedded',
      catalogUrl: null,
      shardUrls: [],
      redisUrl: null,
      jwtSecret: null,
      allowedOrigins: [],
      cookieSecure: false,
      sentryDsn: null,
      logLevel: 'info',
      dataDir: './data',
      embeddedPgPort: 54320,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      loginFailuresPerAccount: 10,
      loginFailuresPerAccountAllIps: 100,
      loginFailuresPerIp: 100,
      signupsPerIp: 20,
      mutationRatePerSecond: 20,
      mutationBurst: 60,
      trustProxyHops: 0,
      metricsToken: null,
      metricsPort: null,
      smtpUrl: null,
      mailFrom: 'Boardroom <boardroom@localhost>',
      publicUrl: 'http://localhost:3000',
      wsMaxSubscriptionsPerSocket: 50,
      wsMaxSocketsPerUser: 20,
      startupTimeoutMs: 10_000,
      authCacheTtlMs: 5_000,
      authCacheMaxEntries: 50_000,
      presenceTtlMs: 15_000,
      presenceHeartbeatMs: 5_000,
      attachmentQuotaMb: 1024,
      notifyBatchSeconds: 60,
      mailSendIntervalMs: 5_000,
      dueScanSeconds: 60,
    });
  });

  it('mail settings: an SMTP relay, a sender and the public URL links in e-mails start with', () => {
    const config = configFromEnv({
      PORT: '8080',
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      MAIL_FROM: 'Acme Boards <boards@example.com>',
      PUBLIC_URL: 'https://board.example.com/',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtps://user:pass@mail.example.com:465',
      mailFrom: 'Acme Boards <boards@example.com>',
      publicUrl: 'https://board.example.com',
    });
    expect(configFromEnv({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(configFromEnv({ PUBLIC_URL: 'https://example.com/boards/' }).publicUrl).toBe('https://example.com/boards');
  });

  it('bad mail settings are reported by name, and a sender with a line break is refused', () => {
    expect(
      problems({
        SMTP_URL: 'http://mail.example.com',
        MAIL_FROM: 'Boards <boards@example.com>\r\nBcc: victim@example.com',
        PUBLIC_URL: 'https://board.example.com/?next=evil',
      }),
    ).toEqual([
      'SMTP_URL must be a URL (smtp: or smtps:)',
      'MAIL_FROM must be an address such as Boardroom <boardroom@example.com>',
      'PUBLIC_URL must be an http(s) URL such as https://board.example.com',
    ]);
  });

  it('a production environment is decoded into typed settings', () => {
    const config = configFromEnv({
      PORT: '8080',
      STORAGE: 'postgres',
      CATALOG_URL: 'postgres://u:p@catalog:5432/boardroom',
      SHARD_URLS: 'shard-0=postgres://u:p@s0:5432/b,shard-1=postgresql://u:p@s1:5432/b?sslmode=require',
      REDIS_URL: 'redis://redis:6379',
      JWT_SECRET: 'x'.repeat(32),
      ALLOWED_ORIGINS: 'https://board.example.com, http://localhost:5173',
      COOKIE_SECURE: 'true',
    });

    expect(config).toMatchObject({
      port: 8080,
      storage: 'postgres',
      shardUrls: [
        { id: 'shard-0', url: 'postgres://u:p@s0:5432/b' },
        { id: 'shard-1', url: 'postgresql://u:p@s1:5432/b?sslmode=require' },
      ],
      allowedOrigins: ['https://board.example.com', 'http://localhost:5173'],
      cookieSecure: true,
    });
  });

  it('every invalid variable is reported by name', () => {
    expect(
      problems({
        PORT: 'eighty',
        STORAGE: 'sqlite',
        JWT_SECRET: 'short',
        ALLOWED_ORIGINS: 'https://x.com/path',
        LOG_LEVEL: 'loud',
      }),
    ).toEqual([
      'PORT must be an integer from 0 to 65535',
      'STORAGE must be one of embedded, postgres, memory',
      'JWT_SECRET must be at least 32 characters long',
      'ALLOWED_ORIGINS must be a comma list of origins such as https://board.example.com',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('shard lists with a bad entry or a repeated id are refused', () => {
    expect(problems({ SHARD_URLS: 'shard-0=mysql://x' })).toEqual([expect.stringMatching(/^SHARD_URLS must be/)]);
    expect(problems({ SHARD_URLS: 'a=postgres://x/1,a=postgres://x/2' })).toEqual([
      expect.stringMatching(/^SHARD_URLS/),
    ]);
  });

  it('postgres mode without its URLs and secret names what is missing', () => {
    expect(() => configFromEnv({ STORAGE: 'postgres' })).toThrow(
      /Invalid environment: CATALOG_URL is required.*SHARD_URLS is required.*JWT_SECRET is required/,
    );
  });

  it('without JWT_SECRET a secret is generated once, kept private in DATA_DIR, and reused after a restart', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'boardroom-config-')), 'data');
    const config = configFromEnv({ STORAGE: 'memory', DATA_DIR: dataDir });
    const first = resolveJwtSecret(config);
    const second = resolveJwtSecret(config);

    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('a given JWT_SECRET is used as is', () => {
    expect(resolveJwtSecret(configFromEnv({ JWT_SECRET: 's'.repeat(40) }))).toBe('s'.repeat(40));
  });
});
