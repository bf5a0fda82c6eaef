import type { RateLimiter, RateRule } from '../../src/application/ports';
import { ManualClock } from '../support/manual-clock';
import { newId, ok, type Subject } from './fixtures';

/** Ten tokens, refilling one per second. */
const TEN_PER_TEN_SECONDS: RateRule = { capacity: 10, refillPerSecond: 1 };

/** What every RateLimiter must do; run against each adapter, each driven by the clock it is given. */
export const registerRateLimiterContract = (
  name: string,
  open: (clock: ManualClock) => Promise<Subject<RateLimiter>>,
) => {
  describe(`RateLimiter contract: ${name}`, () => {
    const clock = new ManualClock();
    let subject: Subject<RateLimiter>;
    beforeAll(async () => {
      subject = await open(clock);
    });
    afterAll(() => subject.close());

    const take = (key: string, cost = 1, rule = TEN_PER_TEN_SECONDS) => ok(subject.port.take(key, cost, rule));

    it('a key nobody used has a full bucket', async () => {
      expect(await take(newId(), 10)).toEqual({ allowed: true, remaining: 0 });
    });

    it('taking more than is left is refused with the seconds until enough have refilled', async () => {
      const key = newId();
      await take(key, 8);
      expect(await take(key, 5)).toEqual({ allowed: false, retryAfterSeconds: 3 });
      expect(await take(key, 2)).toEqual({ allowed: true, remaining: 0 });
    });

    it('a refused take spends nothing', async () => {
      const key = newId();
      await take(key, 10);
      for (let i = 0; i < 3; i++) expect((await take(key)).allowed).toBe(false);
      clock.advance(1000);
      expect(await take(key)).toEqual({ allowed: true, remaining: 0 });
    });

    it('tokens refill with time, never above capacity', async () => {
      const key = newId();
      await take(key, 10);
      clock.advance(4000);
      expect(await take(key, 4)).toEqual({ allowed: true, remaining: 0 });
      clock.advance(60_000);
      expect(await take(key, 11)).toEqual({ allowed: false, retryAfterSeconds: 1 });
      expect(await take(key, 10)).toEqual({ allowed: true, remaining: 0 });
    });

    it('a refund gives tokens back, up to capacity', async () => {
      const key = newId();
      await take(key, 10);
      await ok(subject.port.refund(key, 3, TEN_PER_TEN_SECONDS));
      expect(await take(key, 3)).toEqual({ allowed: true, remaining: 0 });
      await ok(subject.port.refund(key, 50, TEN_PER_TEN_SECONDS));
      expect(await take(key, 11)).toMatchObject({ allowed: false });
    });

    it('keys do not share tokens', async () => {
      const [a, b] = [newId(), newId()];
      await take(a, 10);
      expect(await take(b, 10)).toEqual({ allowed: true, remaining: 0 });
    });

    it('busy keys under different rules keep their own state', async () => {
      const [small, large] = [newId(), newId()];
      const hundred: RateRule = { capacity: 100, refillPerSecond: 100 / 900 };
      await take(large, 50, hundred);
      for (let i = 0; i < 6; i++) await take(small);
      expect(await take(large, 51, hundred)).toMatchObject({ allowed: false });
      expect(await take(large, 50, hundred)).toEqual({ allowed: true, remaining: 0 });
    });

    it('of many concurrent takes only as many as there are tokens succeed', async () => {
      const key = newId();
      const results = await Promise.all(Array.from({ length: 25 }, () => take(key)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    });

    it('a slow rule answers a retry time of many seconds', async () => {
      const key = newId();
      const tenPerQuarterHour: RateRule = { capacity: 10, refillPerSecond: 10 / 900 };
      await take(key, 10, tenPerQuarterHour);
      expect(await take(key, 1, tenPerQuarterHour)).toEqual({ allowed: false, retryAfterSeconds: 90 });
    });
  });
};
