import * as TE from 'fp-ts/TaskEither';
import type { AppError, User } from '../../domain';
import type { Session } from '../api';
import { issueSession } from '../session';

/**
 * A new session right after `endAllSessions`. Tokens carry whole seconds and everything issued up to the
 * second of the revocation is refused, so this one is dated from the next second.
 */
export const sessionAfterRevocation = (
  deps: Parameters<typeof issueSession>[0],
  user: User,
): TE.TaskEither<AppError, Session> => {
  const nextSecond = new Date((Math.floor(deps.clock.now().getTime() / 1000) + 1) * 1000);
  return issueSession({ ...deps, clock: { now: () => nextSecond } })(user);
};
