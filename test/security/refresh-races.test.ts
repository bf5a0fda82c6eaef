import * as E from 'fp-ts/Either';
import { Redis } from 'ioredis';
import { MemoryRefreshTokenStore } from '../../src/adapters/memory';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { makePgRefreshTokenStore } from '../../src/adapters/pg/refresh-token.store';
import { RedisRefreshTokenStore } from '../../src/adapters/redis/refresh-token.store';
import type { Application, Session } from '../../src/application/api';
import { makeApplication } from '../../src/application/make-application';
import type { ControlMessage, RefreshTokenStore } from '../../src/application/ports';
import { createTestDatabase } from '../harness/database';
import { startRedis } from '../harness/redis';
import { buildMemoryApp, type MemoryApp } from '../support/memory-app';
import { cheapHasher, email, fails, ok, password, personName } from '../unit/application/fixtures';

const PASSWORD = 'correct horse battery';

interface Store {
  readonly port: RefreshTokenStore;
  readonly close: () => Promise<void>;
}

const stores: ReadonlyArray<[string, () => Promise<Store>]> = [
  ['memory', async () => ({ port: new MemoryRefreshTokenStore(), close: async () => undefined })],
  [
    'redis',
    async () => {
      const server = await startRedis();
      const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
      return {
        port: new RedisRefreshTokenStore(redis, `race-${process.pid}`),
        close: async () => (redis.disconnect(), await server.stop()),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const db = await createTestDatabase('refresh_races');
      const pool = createPool(db.url);
      await migrate(pool, 'catalog');
      return { port: makePgRefreshTokenStore(pool), close: async () => (await pool.end(), await db.drop()) };
    },
  ],
];

/** The session a refresh gives, or null when it is refused. */
const tryRefresh = async (app: Application, token: string): Promise<Session | null> => {
  const result = await app.auth.refresh(token)();
  return E.isRight(result) ? result.right : null;
};

describe.each(stores)('refresh rotation under races, on the %s store', (_name, open) => {
  let store: Store;
  let app: Application;
  let world: MemoryApp;
  const heard: ControlMessage[] = [];
  beforeAll(async () => {
    store = await open();
    // Real time: Redis and Postgres expire tokens on their own clocks.
    world = buildMemoryApp({ passwords: cheapHasher(), now: new Date() });
    world.deps.control.onMessage((m) => heard.push(m));
    app = makeApplication({ ...world.deps, refreshTokens: store.port });
    await ok(
      app.auth.signUp({ email: email('victim@example.com'), password: password(PASSWORD), name: personName('V') }),
    );
  });
  afterAll(() => store.close());

  const logIn = () => ok(app.auth.logIn({ email: 'victim@example.com', password: PASSWORD }));

  it('a thief rotating a stolen token in a loop keeps no working chain after the victim replays it: 100 trials', async () => {
    let survivors = 0;
    let liveAccessTokens = 0;
    for (let trial = 0; trial < 100; trial++) {
      const stolen = await logIn();
      const minted: Session[] = [];
      const thief = async () => {
        for (let token = stolen.refreshToken, i = 0; i < 6; i++) {
          const next = await tryRefresh(app, token);
          if (next === null) return;
          minted.push(next);
          token = next.refreshToken;
        }
      };
      const victim = async () => {
        // The replay lands at a different point of the thief's loop in each trial.
        for (let k = 0; k <= trial % 12; k++) await new Promise((resolve) => setImmediate(resolve));
        const next = await tryRefresh(app, stolen.refreshToken);
        if (next !== null) minted.push(next);
      };
      await Promise.all([thief(), victim()]);
      // Only the newest token of each party can still be unused; presenting an older one would itself be a replay.
      const tips = [minted.filter((s) => s !== minted.at(-1)).at(-1), minted.at(-1)].filter((s) => s !== undefined);
      for (const tip of tips) if ((await tryRefresh(app, tip.refreshToken)) !== null) survivors++;
      for (const s of [stolen, ...minted])
        if (E.isRight(await app.auth.authenticate(s.accessToken)())) liveAccessTokens++;
    }
    expect({ survivors, liveAccessTokens }).toEqual({ survivors: 0, liveAccessTokens: 0 });
  });

  it('of 4 simultaneous refreshes of one token exactly one succeeds, and its session then dies too', async () => {
    const session = await logIn();
    const results = await Promise.all(Array.from({ length: 4 }, () => tryRefresh(app, session.refreshToken)));
    const winners = results.filter((r): r is Session => r !== null);
    expect(winners).toHaveLength(1);
    const [winner] = winners as [Session];
    expect(await fails(app.auth.refresh(winner.refreshToken))).toMatchObject({ kind: 'unauthenticated' });
    expect(await fails(app.auth.authenticate(winner.accessToken))).toMatchObject({ code: 'token_revoked' });
  });

  it('a detected replay ends the session everywhere: its family is announced as revoked', async () => {
    const session = await logIn();
    const next = await ok(app.auth.refresh(session.refreshToken));
    expect(await fails(app.auth.refresh(session.refreshToken))).toMatchObject({ code: 'refresh_reused' });
    expect(await fails(app.auth.authenticate(next.accessToken))).toMatchObject({ code: 'token_revoked' });
    const { familyId } = await ok(world.deps.accessTokens.verify(session.accessToken, world.clock.now()));
    expect(heard).toContainEqual({ type: 'session.revoked', userId: session.user.id, familyId });
  });
});
