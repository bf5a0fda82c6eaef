import type { AccessTokenDenylist, AccessTokenIdentity } from '../../src/application/ports';
import type { UserId } from '../../src/domain';
import { ManualClock } from '../support/manual-clock';
import { newId, ok, type Subject } from './fixtures';

/** What every AccessTokenDenylist must do; run against each adapter. */
export const registerTokenDenylistContract = (
  name: string,
  open: (clock: ManualClock) => Promise<Subject<AccessTokenDenylist>>,
) => {
  describe(`AccessTokenDenylist contract: ${name}`, () => {
    // Real time: the Redis adapter lets its keys expire on Redis's own clock.
    const clock = new ManualClock(new Date());
    let subject: Subject<AccessTokenDenylist>;
    beforeAll(async () => {
      subject = await open(clock);
    });
    afterAll(() => subject.close());

    const token = (over: Partial<AccessTokenIdentity> = {}): AccessTokenIdentity => ({
      jti: newId(),
      userId: newId() as UserId,
      issuedAt: new Date(clock.now().getTime() - 60_000),
      familyId: newId(),
      ...over,
    });
    const inAnHour = () => new Date(clock.now().getTime() + 3600_000);

    it('a token nobody denied is not denied', async () => {
      expect(await ok(subject.port.isDenied(token()))).toBe(false);
    });

    it('a denied token is denied and another token of the same user is not', async () => {
      const denied = token();
      await ok(subject.port.denyToken(denied.jti, inAnHour()));
      expect(await ok(subject.port.isDenied(denied))).toBe(true);
      expect(await ok(subject.port.isDenied(token({ userId: denied.userId })))).toBe(false);
    });

    it("denying a user's tokens up to a moment denies those issued until then, in that second too", async () => {
      const userId = newId() as UserId;
      const at = clock.now();
      await ok(subject.port.denyUserUntil(userId, at, inAnHour()));
      expect(await ok(subject.port.isDenied(token({ userId })))).toBe(true);
      expect(await ok(subject.port.isDenied(token({ userId, issuedAt: at })))).toBe(true);
      expect(await ok(subject.port.isDenied(token({ userId, issuedAt: new Date(at.getTime() + 2000) })))).toBe(false);
      expect(await ok(subject.port.isDenied(token()))).toBe(false);
    });

    it('an older revocation arriving late never shortens a newer one', async () => {
      const userId = newId() as UserId;
      const now = clock.now();
      await ok(subject.port.denyUserUntil(userId, now, inAnHour()));
      await ok(subject.port.denyUserUntil(userId, new Date(now.getTime() - 30_000), inAnHour()));
      expect(await ok(subject.port.isDenied(token({ userId, issuedAt: new Date(now.getTime() - 10_000) })))).toBe(true);
    });

    it("denying a session's tokens denies every token of that family and none of the user's other sessions", async () => {
      const userId = newId() as UserId;
      const familyId = newId();
      await ok(subject.port.denyFamily(familyId, inAnHour()));
      expect(await ok(subject.port.isDenied(token({ userId, familyId })))).toBe(true);
      expect(await ok(subject.port.isDenied(token({ userId, familyId, issuedAt: inAnHour() })))).toBe(true);
      expect(await ok(subject.port.isDenied(token({ userId })))).toBe(false);
    });

    it('a session denial is forgotten once it expires', async () => {
      const denied = token();
      // Later than now on both clocks: the test's (memory adapter) and the real one (Redis expiry).
      const until = Math.max(clock.now().getTime(), Date.now()) + 200;
      await ok(subject.port.denyFamily(denied.familyId, new Date(until)));
      expect(await ok(subject.port.isDenied(denied))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 400));
      clock.advance(until - clock.now().getTime() + 1);
      expect(await ok(subject.port.isDenied(denied))).toBe(false);
    });

    it('a denial is forgotten once it expires', async () => {
      const denied = token();
      await ok(subject.port.denyToken(denied.jti, new Date(clock.now().getTime() + 150)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      clock.advance(300);
      expect(await ok(subject.port.isDenied(denied))).toBe(false);
    });
  });
};
