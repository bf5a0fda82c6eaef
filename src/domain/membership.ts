import * as E from 'fp-ts/Either';
import { conflict, forbidden, notFound, type AppError } from './errors';
import { can, canGrant, type Role } from './roles';
import type { Member } from './user';

/** A change to one membership: take it away, or give it another role. */
export type MembershipChange = { readonly kind: 'remove' } | { readonly kind: 'role'; readonly role: Role };

/**
 * What a membership change is decided on, read under the team's lock so no other change can slip in
 * between the decision and its write: the actor's and the target's memberships and the owner count.
 */
export interface MembershipFacts {
  readonly actor: Member | null;
  readonly target: Member | null;
  readonly owners: number;
}

const lastOwner = conflict('A team needs at least one owner: make someone else an owner first', 'last_owner');

/** Whether the actor may touch the target's membership at all (leaving is always allowed). */
const mayManage = (actor: Member, target: Member, change: MembershipChange): E.Either<AppError, Member> => {
  if (change.kind === 'remove' && actor.userId === target.userId) return E.right(actor);
  if (!can(actor.role, 'team.members.manage'))
    return E.left(forbidden(`Your role (${actor.role}) does not allow this`, 'insufficient_role'));
  const granting = change.kind === 'role' ? [target.role, change.role] : [target.role];
  const refused = granting.find((role) => !canGrant(actor.role, role));
  return refused === undefined
    ? E.right(actor)
    : E.left(forbidden(`Your role (${actor.role}) cannot manage ${refused}s`, 'cannot_grant'));
};

/**
 * Decides a membership change: a non-member hears `not_found` for the team; managing others takes
 * the right to grant both the old and the new role; the last owner can neither leave, be removed nor
 * be demoted. Right: the membership as it will be, or null when it is removed.
 */
export const decideMembershipChange = (
  facts: MembershipFacts,
  change: MembershipChange,
): E.Either<AppError, Member | null> => {
  const { actor, target } = facts;
  if (actor === null) return E.left(notFound('Team'));
  if (target === null) return E.left(notFound('Member', 'member_not_found'));
  const allowed = mayManage(actor, target, change);
  if (E.isLeft(allowed)) return allowed;
  const losesOwner = target.role === 'owner' && (change.kind === 'remove' || change.role !== 'owner');
  if (losesOwner && facts.owners <= 1) return E.left(lastOwner);
  return E.right(change.kind === 'remove' ? null : { ...target, role: change.role });
};
