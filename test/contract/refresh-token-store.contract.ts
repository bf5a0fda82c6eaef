import * as O from 'fp-ts/Option';
import type { RefreshTokenRecord, RefreshTokenStore, RotateResult } from '../../src/application/ports';
import type { UserId } from '../../src/domain';
import { fail, newId, ok, type Subject } from './fixtures';

const inAnHour = () => new Date(Date.now() + 3600_000);

const record = (over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: newId(),
  familyId: newId(),
  userId: newId() as UserId,
  expiresAt: inAnHour(),
  ...over,
});

const successor = () => ({ tokenHash: newId(), expiresAt: inAnHour() });

const statusOf = (result: O.Option<RotateResult>): string => (O.isSome(result) ? result.value.status : 'none');

/** What every RefreshTokenStore must do; run against each adapter. */
export const registerRefreshTokenStoreContract = (name: string, open: () => Promise<Subject<RefreshTokenStore>>) => {
  describe(`RefreshTokenStore contract: ${name}`, () => {
    let subject: Subject<RefreshTokenStore>;
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(() => subject.close());

    const rotate = (hash: string, next = successor()) => ok(subject.port.rotate(hash, next, new Date()));
    const live = async (hash: string) => O.isSome(await ok(subject.port.find(hash)));

    it('a saved token rotates once into a successor of the same family and user', async () => {
      const rec = record();
      await ok(subject.port.save(rec));
      const next = successor();

      expect(await rotate(rec.tokenHash, next)).toEqual(O.some({ status: 'rotated', record: rec }));
      expect(await ok(subject.port.find(next.tokenHash))).toEqual(
        O.some({ ...next, familyId: rec.familyId, userId: rec.userId }),
      );
      expect(statusOf(await rotate(next.tokenHash))).toBe('rotated');
    });

    it('presenting a used token again is a replay: the family is revoked, successors included', async () => {
      const rec = record();
      await ok(subject.port.save(rec));
      const next = successor();
      await rotate(rec.tokenHash, next);

      expect(await rotate(rec.tokenHash)).toEqual(O.some({ status: 'reused', record: rec }));
      expect(await live(next.tokenHash)).toBe(false);
      expect(await rotate(next.tokenHash)).toEqual(O.none);
    });

    it('an unknown token is none and finds nothing', async () => {
      expect(await rotate('never-issued')).toEqual(O.none);
      expect(await ok(subject.port.find('never-issued'))).toEqual(O.none);
    });

    it('an expired token is reported expired and stores no successor', async () => {
      const rec = record({ expiresAt: new Date(Date.now() + 60_000) });
      await ok(subject.port.save(rec));
      const next = successor();

      const result = await ok(subject.port.rotate(rec.tokenHash, next, new Date(Date.now() + 120_000)));

      expect(result).toEqual(O.some({ status: 'expired', record: rec }));
      expect(await live(next.tokenHash)).toBe(false);
    });

    it('of 4 simultaneous rotations of one token exactly one succeeds, and then the family is dead', async () => {
      const rec = record();
      await ok(subject.port.save(rec));
      const nexts = Array.from({ length: 4 }, successor);

      const results = await Promise.all(nexts.map((n) => rotate(rec.tokenHash, n)));

      // The others are replays: the first of them revokes the family, so later ones may find nothing at all.
      const statuses = results.map(statusOf);
      expect(statuses.filter((s) => s === 'rotated')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'reused').length).toBeGreaterThanOrEqual(1);
      for (const n of nexts) expect(await live(n.tokenHash)).toBe(false);
    });

    it('a thief rotating in a loop keeps no live chain once the victim replays: 100 racing trials', async () => {
      const trial = async (n: number): Promise<string[]> => {
        const first = record();
        await ok(subject.port.save(first));
        const minted: string[] = [];
        const thief = async () => {
          for (let hash = first.tokenHash, i = 0; i < 6; i++) {
            const next = successor();
            if (statusOf(await rotate(hash, next)) !== 'rotated') return;
            minted.push((hash = next.tokenHash));
          }
        };
        const victim = async () => {
          // The replay lands at a different point of the thief's loop in each trial.
          for (let k = 0; k <= n % 12; k++) await new Promise((resolve) => setImmediate(resolve));
          const next = successor();
          if (statusOf(await rotate(first.tokenHash, next)) === 'rotated') minted.push(next.tokenHash);
        };
        await Promise.all([thief(), victim()]);
        // Either way one of them presented `first` after the other did: that replay must kill the family.
        const alive = await Promise.all(minted.map(live));
        return minted.filter((_, i) => alive[i]);
      };
      const survivors: string[] = [];
      for (let i = 0; i < 100; i++) survivors.push(...(await trial(i)));
      expect(survivors).toEqual([]);
    });

    it('a revoked family refuses new tokens', async () => {
      const rec = record();
      await ok(subject.port.save(rec));
      await ok(subject.port.revokeFamily(rec.familyId));

      const late = record({ familyId: rec.familyId, userId: rec.userId });
      expect(await fail(subject.port.save(late))).toMatchObject({ code: 'session_revoked' });
      expect(await live(late.tokenHash)).toBe(false);
    });

    it('finding a token changes nothing: it still rotates once', async () => {
      const rec = record();
      await ok(subject.port.save(rec));
      expect(await ok(subject.port.find(rec.tokenHash))).toEqual(O.some(rec));
      expect(statusOf(await rotate(rec.tokenHash))).toBe('rotated');
      expect(await ok(subject.port.find(rec.tokenHash))).toEqual(O.some(rec));
    });

    it('revoking a family forgets every token in it and no other', async () => {
      const a = record();
      const b = record({ familyId: a.familyId, userId: a.userId });
      const other = record({ userId: a.userId });
      for (const r of [a, b, other]) await ok(subject.port.save(r));

      await ok(subject.port.revokeFamily(a.familyId));

      expect(await rotate(a.tokenHash)).toEqual(O.none);
      expect(await rotate(b.tokenHash)).toEqual(O.none);
      expect(statusOf(await rotate(other.tokenHash))).toBe('rotated');
    });

    it("revoking a user forgets every one of the user's families and no one else's", async () => {
      const userId = newId() as UserId;
      const own = [record({ userId }), record({ userId })];
      const theirs = record();
      for (const r of [...own, theirs]) await ok(subject.port.save(r));
      const next = successor();
      await rotate(own[0]?.tokenHash ?? '', next);

      await ok(subject.port.revokeUser(userId));

      for (const hash of [...own.map((r) => r.tokenHash), next.tokenHash]) expect(await live(hash)).toBe(false);
      expect(await rotate(own[1]?.tokenHash ?? '')).toEqual(O.none);
      const late = record({ userId, familyId: own[1]?.familyId ?? '' });
      expect(await fail(subject.port.save(late))).toMatchObject({ code: 'session_revoked' });
      expect(statusOf(await rotate(theirs.tokenHash))).toBe('rotated');
    });
  });
};
