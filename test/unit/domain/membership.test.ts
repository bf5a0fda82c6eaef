import * as E from 'fp-ts/Either';
import {
  asUuid,
  decideMembershipChange,
  invitationExpiry,
  invitationProblem,
  type Invitation,
  type Member,
  type Role,
} from '../../../src/domain';

const member = (n: number, role: Role): Member => ({
  teamId: asUuid('00000000-0000-4000-8000-000000000000'),
  userId: asUuid(`00000000-0000-4000-8000-00000000000${n}`),
  role,
  addedAt: '2025-01-01T00:00:00.000Z',
});
const codeOf = (r: E.Either<{ code: string }, unknown>) => (E.isLeft(r) ? r.left.code : 'allowed');

describe('decideMembershipChange', () => {
  const owner = member(1, 'owner');
  const admin = member(2, 'admin');
  const viewer = member(3, 'viewer');

  it('anyone may leave, but not the last owner', () => {
    expect(decideMembershipChange({ actor: viewer, target: viewer, owners: 1 }, { kind: 'remove' })).toEqual(
      E.right(null),
    );
    expect(codeOf(decideMembershipChange({ actor: owner, target: owner, owners: 1 }, { kind: 'remove' }))).toBe(
      'last_owner',
    );
    expect(decideMembershipChange({ actor: owner, target: owner, owners: 2 }, { kind: 'remove' })).toEqual(
      E.right(null),
    );
  });

  it('the last owner cannot be demoted, even by themself', () => {
    const demote = { kind: 'role', role: 'admin' } as const;
    expect(codeOf(decideMembershipChange({ actor: owner, target: owner, owners: 1 }, demote))).toBe('last_owner');
    expect(decideMembershipChange({ actor: owner, target: owner, owners: 2 }, demote)).toEqual(
      E.right({ ...owner, role: 'admin' }),
    );
  });

  it('an admin manages roles up to admin, never owners; a viewer manages nobody', () => {
    expect(
      codeOf(decideMembershipChange({ actor: admin, target: viewer, owners: 1 }, { kind: 'role', role: 'admin' })),
    ).toBe('allowed');
    expect(
      codeOf(decideMembershipChange({ actor: admin, target: viewer, owners: 1 }, { kind: 'role', role: 'owner' })),
    ).toBe('cannot_grant');
    expect(codeOf(decideMembershipChange({ actor: admin, target: owner, owners: 1 }, { kind: 'remove' }))).toBe(
      'cannot_grant',
    );
    expect(codeOf(decideMembershipChange({ actor: viewer, target: admin, owners: 1 }, { kind: 'remove' }))).toBe(
      'insufficient_role',
    );
  });

  it('a non-member hears that the team is not found; an unknown target is member_not_found', () => {
    expect(decideMembershipChange({ actor: null, target: viewer, owners: 1 }, { kind: 'remove' })).toMatchObject(
      E.left({ kind: 'not_found', message: 'Team not found' }),
    );
    expect(codeOf(decideMembershipChange({ actor: owner, target: null, owners: 1 }, { kind: 'remove' }))).toBe(
      'member_not_found',
    );
  });
});

describe('invitationProblem', () => {
  const now = new Date('2025-05-01T00:00:00.000Z');
  const invitation: Invitation = {
    id: asUuid('00000000-0000-4000-8000-000000000009'),
    teamId: asUuid('00000000-0000-4000-8000-000000000000'),
    email: 'bea@example.com',
    role: 'member',
    inviteeId: null,
    invitedBy: asUuid('00000000-0000-4000-8000-000000000001'),
    tokenHash: 'h',
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt: invitationExpiry(now),
  };

  it('a pending invitation is open for exactly 7 days', () => {
    expect(invitation.expiresAt).toBe('2025-05-08T00:00:00.000Z');
    expect(invitationProblem(invitation, new Date('2025-05-07T23:59:59.999Z'))).toBeNull();
    expect(invitationProblem(invitation, new Date('2025-05-08T00:00:00.000Z'))).toBe('expired');
  });

  it('an answered invitation says how it was answered', () => {
    expect(invitationProblem({ ...invitation, status: 'revoked' }, now)).toBe('revoked');
    expect(invitationProblem({ ...invitation, status: 'accepted' }, now)).toBe('accepted');
  });
});
