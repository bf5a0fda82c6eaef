import pino from 'pino';
import { Redis } from 'ioredis';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter';
import { buildMemoryApp } from '../support/memory-app';
import { makeApplication } from '../../src/application/make-application';
import { cheapHasher, email, fails, ok, password, personName } from '../unit/application/fixtures';
import { startRedis } from '../harness/redis';

const PASSWORD = 'correct horse battery';
const WRONG = 'not the password at all';

const setUp = async () => {
  const world = buildMemoryApp({ passwords: cheapHasher() });
  for (const name of ['alice', 'bob']) {
    await ok(
      world.app.auth.signUp({
        email: email(`${name}@example.com`),
        password: password(PASSWORD),
        name: personName(name),
      }),
    );
  }
  return world;
};

const attempt = (app: ReturnType<typeof buildMemoryApp>['app'], who: string, pass: string, ip = '198.51.100.7') =>
  app.auth.logIn({ email: `${who}@example.com`, password: pass, ip });

describe('login brute-force protection', () => {
  it('after 10 failed logins in 15 minutes the account answers rate_limited, even to the right password', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 10; i++) {
      expect(await fails(attempt(app, 'alice', WRONG, `203.0.113.${i}`))).toMatchObject({
        code: 'invalid_credentials',
      });
    }
    const blocked = await fails(attempt(app, 'alice', PASSWORD, '203.0.113.99'));
    expect(blocked).toMatchObject({ kind: 'rate_limited' });
    expect(blocked.kind === 'rate_limited' && blocked.retryAfterSeconds).toBe(90);
  });

  it('the account opens again as the window passes', async () => {
    const { app, clock } = await setUp();
    for (let i = 0; i < 10; i++) await fails(attempt(app, 'alice', WRONG));
    clock.advance(90_000);
    expect((await ok(attempt(app, 'alice', PASSWORD))).user.email).toBe('alice@example.com');
  });

  it('the email is normalized, so changing its case does not buy more guesses', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 10; i++)
      await fails(app.auth.logIn({ email: i % 2 ? 'ALICE@example.com' : ' alice@EXAMPLE.com', password: WRONG }));
    expect(await fails(attempt(app, 'alice', PASSWORD))).toMatchObject({ kind: 'rate_limited' });
  });

  it("one account's lockout and another's successful login leave each other's budgets alone", async () => {
    const { app } = await setUp();
    for (let i = 0; i < 10; i++) await fails(attempt(app, 'alice', WRONG));
    await ok(attempt(app, 'bob', PASSWORD));
    expect(await fails(attempt(app, 'alice', PASSWORD))).toMatchObject({ kind: 'rate_limited' });
    for (let i = 0; i < 9; i++) await fails(attempt(app, 'bob', WRONG));
    expect((await ok(attempt(app, 'bob', PASSWORD))).user.email).toBe('bob@example.com');
  });

  it('successful logins do not count against the account', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 15; i++) await ok(attempt(app, 'alice', PASSWORD));
    for (let i = 0; i < 9; i++) await fails(attempt(app, 'alice', WRONG));
    expect((await ok(attempt(app, 'alice', PASSWORD))).user.email).toBe('alice@example.com');
  });

  it('one IP guessing across many accounts is stopped after 100 failures', async () => {
    const { app } = await setUp();
    const results = [];
    for (let i = 0; i < 101; i++) results.push(await fails(attempt(app, `nobody-${i}`, WRONG, '192.0.2.1')));
    expect(results.slice(0, 100).every((e) => e.code === 'invalid_credentials')).toBe(true);
    expect(results[100]).toMatchObject({ kind: 'rate_limited' });
    expect((await ok(attempt(app, 'alice', PASSWORD, '192.0.2.2'))).user.email).toBe('alice@example.com');
  });

  it('a burst of parallel guesses gets no more than 10 password checks', async () => {
    const { app } = await setUp();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => fails(attempt(app, 'alice', WRONG, `198.51.100.${i}`))),
    );
    expect(results.filter((e) => e.code === 'invalid_credentials')).toHaveLength(10);
    expect(results.filter((e) => e.kind === 'rate_limited')).toHaveLength(20);
  });

  it('with the limiter in Redis unreachable, logins are refused as unavailable rather than let through unthrottled', async () => {
    const world = await setUp();
    const server = await startRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
    const limiter = new RedisRateLimiter(redis, world.clock, pino({ level: 'silent' }));
    const app = makeApplication({ ...world.deps, rateLimiter: limiter });
    try {
      await ok(attempt(app, 'alice', PASSWORD));
      await server.stop();
      expect(await fails(attempt(app, 'alice', PASSWORD))).toMatchObject({ kind: 'unavailable' });
    } finally {
      redis.disconnect();
    }
  });
});
