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
      const settings = { emailOnMention: false, emailOnAssignment: true, dailyDigest: true };
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
  });
};
