import * as E from 'fp-ts/Either';
import { conflict, type AppError } from './errors';
import type { TeamId, UserId } from './ids';
import type { Member, Team } from './user';

/** One team of a user who wants to leave for good, with every member it has. */
export interface TeamOfLeavingUser {
  readonly team: Pick<Team, 'id' | 'name'>;
  readonly members: readonly Pick<Member, 'userId' | 'role'>[];
}

/** What deleting an account does to the user's teams. */
export interface AccountDeletion {
  /** Teams that keep going without the user. */
  readonly leave: readonly TeamId[];
  /** Teams where the user was the only member: they go with the account. */
  readonly delete: readonly TeamId[];
}

/**
 * Decides what happens to each team when `userId` deletes their account. A team the user is alone in
 * is deleted with them (nobody else could ever reach it again). A team with other members must keep an
 * owner, so while the user is its only owner the deletion is refused (`conflict/sole_owner`), naming the team.
 */
export const planAccountDeletion = (
  userId: UserId,
  teams: readonly TeamOfLeavingUser[],
): E.Either<AppError, AccountDeletion> => {
  const leave: TeamId[] = [];
  const remove: TeamId[] = [];
  for (const { team, members } of teams) {
    const others = members.filter((m) => m.userId !== userId);
    if (others.length === 0) {
      remove.push(team.id);
      continue;
    }
    const isOwner = members.some((m) => m.userId === userId && m.role === 'owner');
    if (isOwner && !others.some((m) => m.role === 'owner')) {
      return E.left(
        conflict(
          `You are the only owner of "${team.name}", which has other members. Make one of them an owner, or remove them, before deleting your account.`,
          'sole_owner',
        ),
      );
    }
    leave.push(team.id);
  }
  return E.right({ leave, delete: remove });
};
