import * as O from 'fp-ts/Option';
import type { Member, Role, Team, User } from '../../src/domain';
import { fail, newId, ok, ticker, type Subject } from './fixtures';
import type { CatalogPorts } from './team-repository.contract';
import { aUser } from './user-repository.contract';

/** UserRepository.deleteAccount, which reaches into memberships, run against every catalog adapter. */
export const registerAccountDeletionContract = (name: string, factory: () => Promise<Subject<CatalogPorts>>): void => {
  describe(`UserRepository account deletion contract: ${name}`, () => {
    let subject: Subject<CatalogPorts>;
    let ports: CatalogPorts;
    const at = ticker(Date.parse('2025-02-20T10:00:00.000Z'));

    const person = (): Promise<User> => ok(ports.users.create(aUser(), 'h'));
    const member = (team: Team, user: User, role: Role): Member => ({
      teamId: team.id,
      userId: user.id,
      role,
      addedAt: at(),
    });
    const aTeam = async (owner: User, ...others: [User, Role][]): Promise<Team> => {
      const team: Team = { id: newId(), name: `Team ${newId().slice(0, 6)}`, createdAt: at(), createdBy: owner.id };
      await ok(ports.teams.create(team, member(team, owner, 'owner')));
      for (const [user, role] of others) await ok(ports.teams.addMember(member(team, user, role)));
      return team;
    };
    const memberIds = async (team: Team) => (await ok(ports.teams.listMembers(team.id))).map((m) => m.userId);

    beforeAll(async () => {
      subject = await factory();
      ports = subject.port;
    });
    afterAll(() => subject.close());

    it('a deleted account is gone with its memberships; teams it belonged to keep their other members', async () => {
      const leaving = await person();
      const owner = await person();
      const shared = await aTeam(owner, [leaving, 'admin']);
      const solo = await aTeam(leaving);

      const result = await ok(ports.users.deleteAccount(leaving.id));

      expect(result).toEqual({ leave: [shared.id], delete: [solo.id] });
      expect(await ok(ports.users.findById(leaving.id))).toEqual(O.none);
      expect(await ok(ports.users.findByEmail(leaving.email))).toEqual(O.none);
      expect(await memberIds(shared)).toEqual([owner.id]);
      expect(await memberIds(solo)).toEqual([]);
      expect((await ok(ports.teams.listForUser(leaving.id, { limit: 100 }))).teams).toEqual([]);
      expect(await ok(ports.teams.findById(shared.id))).toEqual(O.some(shared));
    });

    it('the e-mail of a deleted account is free for a new sign-up, and its reset links are gone', async () => {
      const leaving = await person();
      await ok(
        ports.users.savePasswordReset({
          tokenHash: `hash-${newId()}`,
          userId: leaving.id,
          email: leaving.email,
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
          usedAt: null,
        }),
      );
      await ok(ports.users.deleteAccount(leaving.id));
      const again = await ok(ports.users.create(aUser('Again', leaving.email), 'h'));
      expect(again.email).toBe(leaving.email);
    });

    it('the only owner of a team with other members is refused with sole_owner, and nothing changes', async () => {
      const owner = await person();
      const colleague = await person();
      const team = await aTeam(owner, [colleague, 'admin']);
      const solo = await aTeam(owner);

      const err = await fail(ports.users.deleteAccount(owner.id));

      expect(err).toMatchObject({ kind: 'conflict', code: 'sole_owner' });
      expect(err.message).toContain(team.name);
      expect(await ok(ports.users.findById(owner.id))).toEqual(O.some(owner));
      expect(await memberIds(team)).toEqual([owner.id, colleague.id]);
      expect(await memberIds(solo)).toEqual([owner.id]);
    });

    it('an owner may leave for good when the team has another owner', async () => {
      const owner = await person();
      const coOwner = await person();
      const team = await aTeam(owner, [coOwner, 'owner']);
      await ok(ports.users.deleteAccount(owner.id));
      expect(await memberIds(team)).toEqual([coOwner.id]);
    });

    it('deleting an unknown account is not_found', async () => {
      expect((await fail(ports.users.deleteAccount(newId()))).kind).toBe('not_found');
    });
  });
};
