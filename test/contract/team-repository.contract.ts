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
      expect(await ok(teams.listForUser(alice.id, { limit: 10 }))).toEqual({
        teams: [
          { team: first, role: 'owner' },
          { team: second, role: 'viewer' },
        ],
        next: null,
      });
      expect(await ok(teams.listForUser(newId(), { limit: 10 }))).toEqual({ teams: [], next: null });
    });

    it("a user's teams come in pages whose cursors walk every team exactly once", async () => {
      const user = await person();
      const made = [];
      for (const n of [1, 2, 3, 4, 5]) made.push(await aTeam(user, `Team ${n}`));
      const first = await ok(teams.listForUser(user.id, { limit: 2 }));
      const second = await ok(teams.listForUser(user.id, { limit: 2, after: first.next! }));
      const last = await ok(teams.listForUser(user.id, { limit: 2, after: second.next! }));
      expect([...first.teams, ...second.teams, ...last.teams].map((m) => m.team.name)).toEqual(made.map((t) => t.name));
      expect(first.next).toEqual({ createdAt: made[1]!.createdAt, id: made[1]!.id });
      expect(last.next).toBeNull();
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
      expect(await ok(teams.changeMembership(team.id, owner.id, dave.id, { kind: 'remove' }))).toBeNull();
      expect(await ok(teams.membership(team.id, dave.id))).toEqual(O.none);
      expect(await fail(teams.changeMembership(team.id, owner.id, dave.id, { kind: 'remove' }))).toMatchObject({
        kind: 'not_found',
        code: 'member_not_found',
      });
    });

    it("a member's role changes and the change is what is stored", async () => {
      const owner = await person();
      const team = await aTeam(owner);
      const erin = await person();
      await ok(teams.addMember(member(team, erin, 'viewer')));
      const changed = await ok(teams.changeMembership(team.id, owner.id, erin.id, { kind: 'role', role: 'admin' }));
      expect(changed).toMatchObject({ userId: erin.id, role: 'admin' });
      expect(await ok(teams.membership(team.id, erin.id))).toEqual(O.some(expect.objectContaining({ role: 'admin' })));
    });

    it('the last owner can neither leave nor be demoted, and an admin cannot remove an owner', async () => {
      const owner = await person();
      const team = await aTeam(owner);
      const admin = await person();
      await ok(teams.addMember(member(team, admin, 'admin')));
      expect(await fail(teams.changeMembership(team.id, owner.id, owner.id, { kind: 'remove' }))).toMatchObject({
        code: 'last_owner',
      });
      expect(
        await fail(teams.changeMembership(team.id, owner.id, owner.id, { kind: 'role', role: 'admin' })),
      ).toMatchObject({ code: 'last_owner' });
      expect(await fail(teams.changeMembership(team.id, admin.id, owner.id, { kind: 'remove' }))).toMatchObject({
        kind: 'forbidden',
      });
      expect(await fail(teams.changeMembership(team.id, newId(), owner.id, { kind: 'remove' }))).toMatchObject({
        kind: 'not_found',
      });
      expect((await ok(teams.listMembers(team.id))).map((m) => m.role)).toEqual(['owner', 'admin']);
    });

    it('two owners removing each other at the same moment never leave a team without an owner (100 trials)', async () => {
      const ownerless: string[] = [];
      for (let trial = 0; trial < 100; trial++) {
        const [a, b] = await Promise.all([person(), person()]);
        const team = await aTeam(a);
        await ok(teams.addMember(member(team, b, 'owner')));
        await Promise.all([
          teams.changeMembership(team.id, a.id, b.id, { kind: 'remove' })(),
          teams.changeMembership(
            team.id,
            b.id,
            a.id,
            trial % 2 ? { kind: 'remove' } : { kind: 'role', role: 'admin' },
          )(),
        ]);
        const owners = (await ok(teams.listMembers(team.id))).filter((m) => m.role === 'owner');
        if (owners.length === 0) ownerless.push(team.id);
      }
      expect(ownerless).toEqual([]);
    });
  });
};
