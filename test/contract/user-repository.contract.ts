import * as O from 'fp-ts/Option';
import type { UserRepository } from '../../src/application/ports';
import { DEFAULT_SETTINGS, type User } from '../../src/domain';
import { fail, newId, ok, ticker, type Subject } from './fixtures';

const at = ticker(Date.parse('2025-02-01T10:00:00.000Z'));

/** A user with a unique email; `email` may be given in any case and with spaces. */
export const aUser = (name = 'Ada Lovelace', email = `${newId()}@example.com`): User => ({
  id: newId(),
  email,
  name,
  settings: DEFAULT_SETTINGS,
  createdAt: at(),
});

/** The UserRepository contract, run against every adapter. */
export const registerUserRepositoryContract = (name: string, factory: () => Promise<Subject<UserRepository>>): void => {
  describe(`UserRepository contract: ${name}`, () => {
    let subject: Subject<UserRepository>;
    let users: UserRepository;

    beforeAll(async () => {
      subject = await factory();
      users = subject.port;
    });
    afterAll(() => subject.close());

    it('a stored user is found by id and by email in any case, with their password hash', async () => {
      const user = aUser('Grace', `  Grace.${newId()}@Example.COM `);
      const stored = await ok(users.create(user, 'hash-1'));
      expect(stored).toEqual({ ...user, email: user.email.trim().toLowerCase() });
      expect(await ok(users.findById(user.id))).toEqual(O.some(stored));
      expect(await ok(users.findByEmail(user.email.toUpperCase()))).toEqual(
        O.some({ user: stored, passwordHash: 'hash-1' }),
      );
    });

    it('an email in use is rejected as email_taken, whatever its case', async () => {
      const user = await ok(users.create(aUser(), 'h'));
      const err = await fail(users.create(aUser('Impostor', user.email.toUpperCase()), 'h'));
      expect(err).toMatchObject({ kind: 'conflict', code: 'email_taken' });
    });

    it('unknown users are none, and findMany returns only those that exist', async () => {
      const a = await ok(users.create(aUser('A'), 'h'));
      const b = await ok(users.create(aUser('B'), 'h'));
      expect(await ok(users.findById(newId()))).toEqual(O.none);
      expect(await ok(users.findByEmail('nobody@example.com'))).toEqual(O.none);
      const found = await ok(users.findMany([a.id, newId(), b.id, a.id]));
      expect([...found].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual([a, b].sort((x, y) => (x.id < y.id ? -1 : 1)));
      expect(await ok(users.findMany([]))).toEqual([]);
    });

    it('settings are replaced and returned with the user', async () => {
      const user = await ok(users.create(aUser(), 'h'));
      const settings = {
        email: { assigned: true, mentioned: false, comment: false, due: true, invited: true },
        digest: 'hourly' as const,
        timeZone: 'Pacific/Auckland',
      };
      expect(await ok(users.updateSettings(user.id, settings))).toEqual({ ...user, settings });
      expect(await ok(users.findById(user.id))).toEqual(O.some({ ...user, settings }));
      expect((await fail(users.updateSettings(newId(), settings))).kind).toBe('not_found');
    });

    it('a new password hash replaces the old one', async () => {
      const user = await ok(users.create(aUser(), 'old-hash'));
      await ok(users.updatePasswordHash(user.id, 'new-hash'));
      const found = await ok(users.findByEmail(user.email));
      expect(O.map((c: { passwordHash: string }) => c.passwordHash)(found)).toEqual(O.some('new-hash'));
    });

    it('a profile change renames and moves the e-mail (normalized); the old address no longer finds the user', async () => {
      const user = await ok(users.create(aUser('Old Name'), 'h'));
      const email = `  New.${newId()}@Example.com`;
      const changed = await ok(users.updateProfile(user.id, { name: 'New Name', email }));
      expect(changed).toEqual({ ...user, name: 'New Name', email: email.trim().toLowerCase() });
      expect(await ok(users.findByEmail(user.email))).toEqual(O.none);
      expect(await ok(users.findByEmail(email))).toEqual(O.some({ user: changed, passwordHash: 'h' }));
      expect(await ok(users.updateProfile(user.id, { name: 'Only the name' }))).toEqual({
        ...changed,
        name: 'Only the name',
      });
    });

    it("taking another account's e-mail is email_taken and changes nothing; an unknown user is not_found", async () => {
      const a = await ok(users.create(aUser('A'), 'h'));
      const b = await ok(users.create(aUser('B'), 'h'));
      const err = await fail(users.updateProfile(b.id, { name: 'B2', email: a.email.toUpperCase() }));
      expect(err).toMatchObject({ kind: 'conflict', code: 'email_taken' });
      expect(await ok(users.findById(b.id))).toEqual(O.some(b));
      expect(await ok(users.updateProfile(b.id, { email: b.email }))).toEqual(b);
      expect((await fail(users.updateProfile(newId(), { name: 'X' }))).kind).toBe('not_found');
    });

    describe('password reset links', () => {
      const now = new Date('2025-02-01T12:00:00.000Z');
      const later = (ms: number) => new Date(now.getTime() + ms);
      const link = (user: User, tokenHash = `hash-${newId()}`) => ({
        tokenHash,
        userId: user.id,
        email: user.email,
        createdAt: now,
        expiresAt: later(30 * 60_000),
        usedAt: null,
      });
      const hashOf = async (user: User) =>
        O.map((c: { passwordHash: string }) => c.passwordHash)(await ok(users.findByEmail(user.email)));

      it('a stored link is found by its hash; spending it sets the password once', async () => {
        const user = await ok(users.create(aUser(), 'old'));
        const reset = link(user);
        await ok(users.savePasswordReset(reset));
        expect(await ok(users.findPasswordReset(reset.tokenHash))).toEqual(O.some(reset));
        expect(await ok(users.findPasswordReset('unknown'))).toEqual(O.none);

        expect(await ok(users.spendPasswordReset(reset.tokenHash, 'new', later(60_000)))).toEqual(O.some(user.id));
        expect(await hashOf(user)).toEqual(O.some('new'));
        expect(await ok(users.findPasswordReset(reset.tokenHash))).toEqual(O.some({ ...reset, usedAt: later(60_000) }));
        expect(await ok(users.spendPasswordReset(reset.tokenHash, 'again', later(61_000)))).toEqual(O.none);
        expect(await hashOf(user)).toEqual(O.some('new'));
      });

      it("spending one link voids the user's other links but nobody else's", async () => {
        const user = await ok(users.create(aUser(), 'old'));
        const other = await ok(users.create(aUser(), 'other'));
        const [first, second, theirs] = [link(user), link(user), link(other)];
        for (const r of [first, second, theirs]) await ok(users.savePasswordReset(r));
        await ok(users.spendPasswordReset(second.tokenHash, 'new', later(1000)));
        expect(await ok(users.spendPasswordReset(first.tokenHash, 'x', later(2000)))).toEqual(O.none);
        expect(await ok(users.findPasswordReset(first.tokenHash))).toEqual(O.some({ ...first, usedAt: later(1000) }));
        expect(await ok(users.spendPasswordReset(theirs.tokenHash, 'theirs', later(3000)))).toEqual(O.some(other.id));
      });

      it('an expired link, or one mailed to an address the account no longer has, is not spent', async () => {
        const user = await ok(users.create(aUser(), 'old'));
        const expiring = link(user);
        const moved = link(user);
        await ok(users.savePasswordReset(expiring));
        await ok(users.savePasswordReset(moved));
        expect(await ok(users.spendPasswordReset(expiring.tokenHash, 'new', later(30 * 60_000)))).toEqual(O.none);
        await ok(users.updateProfile(user.id, { email: `moved-${newId()}@example.com` }));
        expect(await ok(users.spendPasswordReset(moved.tokenHash, 'new', later(1000)))).toEqual(O.none);
        const after = await ok(users.findById(user.id));
        expect(O.isSome(after) && (await hashOf(after.value))).toEqual(O.some('old'));
      });
    });
  });
};
