import pino from 'pino';
import { Redis } from 'ioredis';
import { RedisRateLimiter } from '../../src/adapters/redis/rate-limiter';
import { buildMemoryApp } from '../support/memory-app';
import { makeApplication } from '../../src/application/make-application';
import { cheapHasher, email, fails, ok, password, personName } from '../unit/application/fixtures';
import { startRedis } from '../harness/redis';

const PASSWORD = 'correct horse battery';
const WRONG = 'not the password at all';
const STRANGER = '198.51.100.66';
const OWNER = '192.0.2.10';

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
  it('after 10 failed logins from one IP in 15 minutes that IP answers rate_limited, even to the right password', async () => {
    const { app } = await setUp();
    for (let i = 0; i < 10; i++) {
      expect(await fails(attempt(app, 'alice', WRONG, STRANGER))).toMatchObject({ code: 'invalid_credentials' });
    }
    const blocked = await fails(attempt(app, 'alice', PASSWORD, STRANGER));
    expect(blocked).toMatchObject({ kind: 'rate_limited' });
    expect(blocked.kind === 'rate_limited' && blocked.retryAfterSeconds).toBe(90);
  });

  it('a stranger failing 20 times from one IP does not lock the owner out from another IP, and stays throttled', async () => {
    const { app } = await setUp();
    const stranger = [];
    for (let i = 0; i < 20; i++) stranger.push(await fails(attempt(app, 'alice', WRONG, STRANGER)));
    expect(stranger.filter((e) => e.code === 'invalid_credentials')).toHaveLength(10);
    expect(stranger.filter((e) => e.kind === 'rate_limited')).toHaveLength(10);

    expect((await ok(attempt(app, 'alice', PASSWORD, OWNER))).user.email).toBe('alice@example.com');
    expect(await fails(attempt(app, 'alice', PASSWORD, STRANGER))).toMatchObject({ kind: 'rate_limited' });
  });

  it("the owner's known device gets in from the stranger's own IP, where strangers stay throttled", async () => {
    const { app } = await setUp();
    const { deviceCookie } = await ok(attempt(app, 'alice', PASSWORD, STRANGER));
    for (let i = 0; i < 20; i++) await fails(attempt(app, 'alice', WRONG, STRANGER));

    const owner = await ok(
      app.auth.logIn({ email: 'alice@example.com', password: PASSWORD, ip: STRANGER, deviceCookie }),
    );
    expect(owner.user.email).toBe('alice@example.com');
    expect(owner.deviceCookie).toBe(deviceCookie);
    expect(await fails(attempt(app, 'alice', PASSWORD, STRANGER))).toMatchObject({ kind: 'rate_limited' });
  });

  it('guesses spread over many IPs stop at the account-wide budget, which a known device does not share', async () => {
    const { app } = await setUp();
    const { deviceCookie } = await ok(attempt(app, 'alice', PASSWORD, OWNER));
    for (let i = 0; i < 100; i++) await fails(attempt(app, 'alice', WRONG, `203.0.${Math.floor(i / 5)}.${i % 5}`));

    expect(await fails(attempt(app, 'alice', PASSWORD, '192.0.2.200'))).toMatchObject({ kind: 'rate_limited' });
    expect(
      (await ok(app.auth.logIn({ email: 'alice@example.com', password: PASSWORD, ip: OWNER, deviceCookie }))).user
        .email,
    ).toBe('alice@example.com');
  });

  it('a known device has a budget of its own: 10 failures with it lock that device only', async () => {
    const { app } = await setUp();
    const { deviceCookie } = await ok(attempt(app, 'alice', PASSWORD, OWNER));
    const withDevice = (pass: string) =>
      app.auth.logIn({ email: 'alice@example.com', password: pass, ip: OWNER, deviceCookie });
    for (let i = 0; i < 10; i++) expect(await fails(withDevice(WRONG))).toMatchObject({ code: 'invalid_credentials' });

    expect(await fails(withDevice(PASSWORD))).toMatchObject({ kind: 'rate_limited' });
    expect((await ok(attempt(app, 'alice', PASSWORD, OWNER))).user.email).toBe('alice@example.com');
  });

  it("another account's device cookie or a forged one buys no budget of its own", async () => {
    const { app } = await setUp();
    const bobs = (await ok(attempt(app, 'bob', PASSWORD, OWNER))).deviceCookie ?? '';
    const [nonce = ''] = bobs.split('.');
    for (const cookie of [bobs, `${nonce}.${'A'.repeat(43)}`, 'not-a-device-cookie']) {
      const world = await setUp();
      for (let i = 0; i < 10; i++) await fails(attempt(world.app, 'alice', WRONG, STRANGER));
      const login = world.app.auth.logIn({
        email: 'alice@example.com',
        password: PASSWORD,
        ip: STRANGER,
        deviceCookie: cookie,
      });
      expect(await fails(login)).toMatchObject({ kind: 'rate_limited' });
    }
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
      await fails(
        app.auth.logIn({ email: i % 2 ? 'ALICE@example.com' : ' alice@EXAMPLE.com', password: WRONG, ip: STRANGER }),
      );
    expect(await fails(attempt(app, 'alice', PASSWORD, STRANGER))).toMatchObject({ kind: 'rate_limited' });
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

  it('a burst of parallel guesses from one IP gets no more than 10 password checks', async () => {
    const { app } = await setUp();
    const results = await Promise.all(Array.from({ length: 30 }, () => fails(attempt(app, 'alice', WRONG, STRANGER))));
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
