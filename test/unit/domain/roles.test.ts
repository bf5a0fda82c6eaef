import { can, canGrant, ROLES, type Action, type Role } from '../../../src/domain';

/** Who may do what: the product's permission table, written out in full. */
const MATRIX: Record<Action, Record<Role, boolean>> = {
  'team.read': { owner: true, admin: true, member: true, viewer: true },
  'board.read': { owner: true, admin: true, member: true, viewer: true },
  'board.create': { owner: true, admin: true, member: true, viewer: false },
  'list.write': { owner: true, admin: true, member: true, viewer: false },
  'card.write': { owner: true, admin: true, member: true, viewer: false },
  'comment.write': { owner: true, admin: true, member: true, viewer: false },
  'board.manage': { owner: true, admin: true, member: false, viewer: false },
  'team.members.manage': { owner: true, admin: true, member: false, viewer: false },
};

const cases = (Object.keys(MATRIX) as Action[]).flatMap((action) =>
  ROLES.map((role) => [role, MATRIX[action][role] ? 'may' : 'may not', action, MATRIX[action][role]] as const),
);

describe('can', () => {
  test.each(cases)('a %s %s %s', (role, _verb, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });

  test('a viewer cannot create a card', () => {
    expect(can('viewer', 'card.write')).toBe(false);
  });
});

/** Rows: the granting role; columns: the role granted. */
const GRANTS: Record<Role, Record<Role, boolean>> = {
  owner: { owner: true, admin: true, member: true, viewer: true },
  admin: { owner: false, admin: true, member: true, viewer: true },
  member: { owner: false, admin: false, member: false, viewer: false },
  viewer: { owner: false, admin: false, member: false, viewer: false },
};

describe('canGrant', () => {
  test.each(
    ROLES.flatMap((granter) =>
      ROLES.map((granted) => [granter, GRANTS[granter][granted] ? 'may' : 'may not', granted] as const),
    ),
  )('a %s %s make someone %s', (granter, verb, granted) => {
    expect(canGrant(granter, granted)).toBe(verb === 'may');
  });

  test('only an owner can make another owner', () => {
    expect(ROLES.filter((r) => canGrant(r, 'owner'))).toEqual(['owner']);
  });
});
