import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, Member, User } from '../../domain';
import type { MemberView } from '../api';
import type { AppDeps } from '../deps';

export const memberView = (member: Member, user: User): MemberView => ({
  ...member,
  user: { id: user.id, email: user.email, name: user.name },
});

/** Members with their user details, looked up in one batch; members whose account is gone are left out. */
export const memberViews =
  (deps: Pick<AppDeps, 'users'>) =>
  (members: readonly Member[]): TE.TaskEither<AppError, readonly MemberView[]> =>
    pipe(
      deps.users.findMany(members.map((m) => m.userId)),
      TE.map((users) => {
        const byId = new Map(users.map((u) => [u.id, u]));
        return members.flatMap((m) => {
          const user = byId.get(m.userId);
          return user ? [memberView(m, user)] : [];
        });
      }),
    );
