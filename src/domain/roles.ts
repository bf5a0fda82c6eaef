/** A member's role in a team, strongest first. */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Everything a member may try to do in a team. */
export type Action =
  | 'team.read'
  | 'team.members.manage'
  | 'board.read'
  | 'board.create'
  | 'board.manage'
  | 'list.write'
  | 'card.write'
  | 'comment.write';

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

/** The weakest role allowed to take each action. */
const MINIMUM: Record<Action, Role> = {
  'team.read': 'viewer',
  'board.read': 'viewer',
  'team.members.manage': 'admin',
  'board.manage': 'admin',
  'board.create': 'member',
  'list.write': 'member',
  'card.write': 'member',
  'comment.write': 'member',
};

export const can = (role: Role, action: Action): boolean => RANK[role] >= RANK[MINIMUM[action]];

/** An admin may grant any role up to admin; only an owner may make another owner. */
export const canGrant = (granter: Role, granted: Role): boolean =>
  can(granter, 'team.members.manage') && RANK[granter] >= RANK[granted];
