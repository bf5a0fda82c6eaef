import * as O from 'fp-ts/Option';
import type { InvitationRepository, TeamRepository, UserRepository } from '../../src/application/ports';
import type { Invitation, Role, Team, User } from '../../src/domain';
import { fail, newId, ok, type Subject } from './fixtures';
import { aUser } from './user-repository.contract';

/** Invitations turn into memberships, so the suite gets the user and team repositories of the same store. */
export interface InvitationPorts {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  readonly invitations: InvitationRepository;
}

const DAY = 24 * 3600 * 1000;

/** The InvitationRepository contract, run against every adapter. */
export const registerInvitationRepositoryContract = (
  name: string,
  factory: () => Promise<Subject<InvitationPorts>>,
): void => {
  describe(`InvitationRepository contract: ${name}`, () => {
    let subject: Subject<InvitationPorts>;
    let store: InvitationRepository;
    const now = new Date('2025-04-01T12:00:00.000Z');
    let tick = 0;

    const person = (): Promise<User> => ok(subject.port.users.create(aUser(), 'h'));
    const aTeam = async (): Promise<{ team: Team; owner: User }> => {
      const owner = await person();
      const team: Team = { id: newId(), name: 'Platform', createdAt: now.toISOString(), createdBy: owner.id };
      await ok(
        subject.port.teams.create(team, {
          teamId: team.id,
          userId: owner.id,
          role: 'owner',
          addedAt: now.toISOString(),
        }),
      );
      return { team, owner };
    };
    const anInvitation = (team: Team, by: User, email: string, role: Role = 'member'): Invitation => ({
      id: newId(),
      teamId: team.id,
      email,
      role,
      inviteeId: null,
      invitedBy: by.id,
      tokenHash: `hash-${newId()}`,
      status: 'pending',
      // Distinct creation times keep "oldest first" well defined.
      createdAt: new Date(now.getTime() + ++tick * 1000).toISOString(),
      expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
    });

    beforeAll(async () => {
      subject = await factory();
      store = subject.port.invitations;
    });
    afterAll(() => subject.close());

    it('a stored invitation is found by id and by token hash, and listed for its team and its address', async () => {
      const { team, owner } = await aTeam();
      const email = `${newId()}@example.com`;
      const invitation = await ok(store.upsertPending(anInvitation(team, owner, email)));
      expect(await ok(store.findById(invitation.id))).toEqual(O.some(invitation));
      expect(await ok(store.findByTokenHash(invitation.tokenHash))).toEqual(O.some(invitation));
      expect(await ok(store.listPendingForTeam(team.id, now))).toEqual([invitation]);
      expect(await ok(store.listPendingForEmail(email, now))).toEqual([invitation]);
      expect(await ok(store.findByTokenHash('forged'))).toEqual(O.none);
    });

    it('inviting the same address again refreshes the pending invitation in place with a new token', async () => {
      const { team, owner } = await aTeam();
      const email = `${newId()}@example.com`;
      const first = await ok(store.upsertPending(anInvitation(team, owner, email, 'viewer')));
      const again = await ok(store.upsertPending(anInvitation(team, owner, email, 'admin')));
      expect(again).toMatchObject({ id: first.id, role: 'admin', status: 'pending' });
      expect(await ok(store.findByTokenHash(first.tokenHash))).toEqual(O.none);
      expect(await ok(store.listPendingForTeam(team.id, now))).toEqual([again]);
    });

    it('an expired invitation is no longer listed and cannot be accepted', async () => {
      const { team, owner } = await aTeam();
      const invitee = await person();
      const invitation = await ok(store.upsertPending(anInvitation(team, owner, invitee.email)));
      const later = new Date(now.getTime() + 8 * DAY);
      expect(await ok(store.listPendingForTeam(team.id, later))).toEqual([]);
      expect(await ok(store.listPendingForEmail(invitee.email, later))).toEqual([]);
      expect(await fail(store.accept(invitation, invitee.id, later))).toMatchObject({ code: 'invitation_unavailable' });
      expect(await ok(subject.port.teams.membership(team.id, invitee.id))).toEqual(O.none);
    });

    it('accepting makes the invitee a member with the invited role, once', async () => {
      const { team, owner } = await aTeam();
      const invitee = await person();
      const invitation = await ok(store.upsertPending(anInvitation(team, owner, invitee.email, 'admin')));
      expect(await ok(store.accept(invitation, invitee.id, now))).toMatchObject({ userId: invitee.id, role: 'admin' });
      expect(await ok(store.findById(invitation.id))).toEqual(O.some({ ...invitation, status: 'accepted' }));
      expect(await fail(store.accept(invitation, invitee.id, now))).toMatchObject({ code: 'invitation_unavailable' });
      expect(await ok(store.listPendingForEmail(invitee.email, now))).toEqual([]);
    });

    it('a token replaced by a re-invite, a revoked or a declined invitation cannot be accepted', async () => {
      const { team, owner } = await aTeam();
      const invitee = await person();
      const old = await ok(store.upsertPending(anInvitation(team, owner, invitee.email)));
      const fresh = await ok(store.upsertPending(anInvitation(team, owner, invitee.email)));
      expect(await fail(store.accept(old, invitee.id, now))).toMatchObject({ code: 'invitation_unavailable' });
      await ok(store.close(fresh, 'revoked'));
      expect(await fail(store.accept(fresh, invitee.id, now))).toMatchObject({ code: 'invitation_unavailable' });
      expect(await fail(store.close(fresh, 'declined'))).toMatchObject({ code: 'invitation_unavailable' });
      expect(await ok(store.findById(fresh.id))).toEqual(O.some({ ...fresh, status: 'revoked' }));
      expect(await ok(subject.port.teams.membership(team.id, invitee.id))).toEqual(O.none);
    });

    it('accepting while already a member keeps the membership as it is', async () => {
      const { team, owner } = await aTeam();
      const invitee = await person();
      await ok(
        subject.port.teams.addMember({
          teamId: team.id,
          userId: invitee.id,
          role: 'viewer',
          addedAt: now.toISOString(),
        }),
      );
      const invitation = await ok(store.upsertPending(anInvitation(team, owner, invitee.email, 'owner')));
      expect(await ok(store.accept(invitation, invitee.id, now))).toMatchObject({ role: 'viewer' });
    });

    it('a declined invitation leaves room for a new one to the same address', async () => {
      const { team, owner } = await aTeam();
      const email = `${newId()}@example.com`;
      const first = await ok(store.upsertPending(anInvitation(team, owner, email)));
      await ok(store.close(first, 'declined'));
      const second = await ok(store.upsertPending(anInvitation(team, owner, email)));
      expect(second.id).not.toBe(first.id);
      expect(await ok(store.listPendingForTeam(team.id, now))).toEqual([second]);
    });
  });
};
