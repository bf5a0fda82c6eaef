import * as O from 'fp-ts/Option';
import type { TeamRepository, UserRepository } from '../../src/application/ports';
import type { Member, Role, Team, User } from '../../src/domain';
import { fail, newId, ok, ticker, type Subject } from './fixtures';
import { aUser } from './user-repository.contract';

/** Teams reference users, so the suite gets the user repository of the same store too. */
export interface CatalogPorts {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
}

/** The TeamRepository contract, run against every adapter. */
export const registerTeamRepositoryContract = (name: string, factory: () => Promise<Subject<CatalogPorts>>): void => {
  describe(`TeamRepository contract: ${name}`, () => {
    let subject: Subject<CatalogPorts>;
    let teams: TeamRepository;
    const at = ticker(Date.parse('2025-02-10T10:00:00.000Z'));

    const person = (): Promise<User> => ok(subject.port.users.create(aUser(), 'h'));
    const member = (team: Team, user: User, role: Role): Member => ({
      teamId: team.id,
      userId: user.id,
      role,
      addedAt: at(),
    });
    const aTeam = async (owner: User, teamName = 'Platform'): Promise<Team> => {
      const team: Team = { id: newId(), name: teamName, createdAt: at(), createdBy: owner.id };
      await ok(teams.create(team, member(team, owner, 'owner')));
      return team;
    };

    beforeAll(async () => {
      subject = await factory();
      teams = subject.port.teams;
    });
    afterAll(() => subject.close());

    it('a new team is found by id and its creator is its owner', async () => {
      const owner = await person();
      const team = await aTeam(owner);
      expect(await ok(teams.findById(team.id))).toEqual(O.some(team));
      expect(await ok(teams.membership(team.id, owner.id))).toEqual(O.some(expect.objectContaining({ role: 'owner' })));
      expect(await ok(teams.findById(newId()))).toEqual(O.none);
    });

    it("a user's teams are listed oldest first with their role in each", async () => {
      const alice = await person();
      const bob = await person();
      const first = await aTeam(alice, 'First');
      const second = await aTeam(bob, 'Second');
      await ok(teams.addMember(member(second, alice, 'viewer')));
      expect(await ok(teams.listForUser(alice.id))).toEqual([
        { team: first, role: 'owner' },
        { team: second, role: 'viewer' },
      ]);
      expect(await ok(teams.listForUser(newId()))).toEqual([]);
    });

    it('adding a member twice is rejected as already_member', async () => {
      const owner = await person();
      const team = await aTeam(owner);
      const carol = await person();
      const added = member(team, carol, 'member');
      expect(await ok(teams.addMember(added))).toEqual(added);
      expect(await fail(teams.addMember({ ...added, role: 'admin' }))).toMatchObject({
        kind: 'conflict',
        code: 'already_member',
      });
    });

    it('members are listed oldest first and can be removed', async () => {
      const owner = await person();
      const team = await aTeam(owner);
      const dave = await person();
      const joined = member(team, dave, 'admin');
      await ok(teams.addMember(joined));
      expect((await ok(teams.listMembers(team.id))).map((m) => [m.userId, m.role])).toEqual([
        [owner.id, 'owner'],
        [dave.id, 'admin'],
      ]);
      await ok(teams.removeMember(team.id, dave.id));
      expect(await ok(teams.membership(team.id, dave.id))).toEqual(O.none);
      expect((await fail(teams.removeMember(team.id, dave.id))).kind).toBe('not_found');
    });
  });
};
