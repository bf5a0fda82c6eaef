import * as E from 'fp-ts/Either';
import { asUuid, planAccountDeletion, type Role, type TeamOfLeavingUser } from '../../../src/domain';

const me = asUuid('00000000-0000-4000-8000-000000000001');
const you = asUuid('00000000-0000-4000-8000-000000000002');
const them = asUuid('00000000-0000-4000-8000-000000000003');
let next = 10;
const team = (name: string, ...members: [typeof me, Role][]): TeamOfLeavingUser => ({
  team: { id: asUuid(`00000000-0000-4000-8000-0000000000${next++}`), name },
  members: members.map(([userId, role]) => ({ userId, role })),
});

describe('planning an account deletion', () => {
  it('a team the user is alone in is deleted; a team with others is left', () => {
    const alone = team('Alone', [me, 'owner']);
    const shared = team('Shared', [you, 'owner'], [me, 'member']);
    expect(planAccountDeletion(me, [alone, shared])).toEqual(
      E.right({ leave: [shared.team.id], delete: [alone.team.id] }),
    );
  });

  it('the only owner of a team with other members is refused, whatever the others are', () => {
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const result = planAccountDeletion(me, [team('Acme', [me, 'owner'], [you, role])]);
      expect(result).toEqual(E.left(expect.objectContaining({ kind: 'conflict', code: 'sole_owner' })));
    }
  });

  it('an owner with a co-owner may go, and so may anyone who is not an owner', () => {
    const coOwned = team('Co', [me, 'owner'], [you, 'owner'], [them, 'member']);
    const asAdmin = team('Admin', [you, 'owner'], [me, 'admin']);
    expect(planAccountDeletion(me, [coOwned, asAdmin])).toEqual(
      E.right({ leave: [coOwned.team.id, asAdmin.team.id], delete: [] }),
    );
  });
});
