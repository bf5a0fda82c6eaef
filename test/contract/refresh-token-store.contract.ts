import * as O from 'fp-ts/Option';
import type { RefreshTokenRecord, RefreshTokenStore } from '../../src/application/ports';
import type { UserId } from '../../src/domain';
import { newId, ok, type Subject } from './fixtures';

const record = (over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: newId(),
  familyId: newId(),
  userId: newId() as UserId,
  expiresAt: new Date(Date.now() + 3600_000),
  ...over,
});

/** What every RefreshTokenStore must do; run against each adapter. */
export const registerRefreshTokenStoreContract = (name: string, open: () => Promise<Subject<RefreshTokenStore>>) => {
  describe(`RefreshTokenStore contract: ${name}`, () => {
    let subject: Subject<RefreshTokenStore>;
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(() => subject.close());

    it('a saved token is fresh the first time it is presented and reused the second time', async () => {
      const rec = record();
      await ok(subject.port.save(rec));

      const first = await ok(subject.port.consume(rec.tokenHash));
      const second = await ok(subject.port.consume(rec.tokenHash));

      expect(first).toEqual(O.some({ status: 'fresh', record: rec }));
      expect(second).toEqual(O.some({ status: 'reused', record: rec }));
    });

    it('an unknown token is none', async () => {
      expect(await ok(subject.port.consume('never-issued'))).toEqual(O.none);
    });

    it('only one of many concurrent presentations of a token sees it fresh', async () => {
      const rec = record();
      await ok(subject.port.save(rec));

      const results = await Promise.all(Array.from({ length: 8 }, () => ok(subject.port.consume(rec.tokenHash))));

      const statuses = results.map((r) => (O.isSome(r) ? r.value.status : 'none'));
      expect(statuses.filter((s) => s === 'fresh')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'reused')).toHaveLength(7);
    });

    it('revoking a family forgets every token in it and no other', async () => {
      const a = record();
      const b = record({ familyId: a.familyId, userId: a.userId });
      const other = record({ userId: a.userId });
      await Promise.all([a, b, other].map((r) => ok(subject.port.save(r))));

      await ok(subject.port.revokeFamily(a.familyId));

      expect(await ok(subject.port.consume(a.tokenHash))).toEqual(O.none);
      expect(await ok(subject.port.consume(b.tokenHash))).toEqual(O.none);
      expect(O.isSome(await ok(subject.port.consume(other.tokenHash)))).toBe(true);
    });

    it("revoking a user forgets every one of the user's families and no one else's", async () => {
      const userId = newId() as UserId;
      const own = [record({ userId }), record({ userId })];
      const theirs = record();
      await Promise.all([...own, theirs].map((r) => ok(subject.port.save(r))));

      await ok(subject.port.revokeUser(userId));

      for (const r of own) expect(await ok(subject.port.consume(r.tokenHash))).toEqual(O.none);
      expect(O.isSome(await ok(subject.port.consume(theirs.tokenHash)))).toBe(true);
    });
  });
};
