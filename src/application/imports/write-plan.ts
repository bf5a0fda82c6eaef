import * as E from 'fp-ts/Either';
import type { AppError, Member } from '../../domain';
import type { BoardTarget } from '../api';
import { applyBoardOp } from '../boards/apply.use-case';
import { removeBoard } from '../boards/delete-board.use-case';
import type { AppDeps } from '../deps';
import type { AuthorizationCache } from '../ports';
import type { PlannedOps } from './plan-ops';

/** Ops in flight at once: enough for the engine to fill its group commits, few enough to bound memory. */
const WINDOW = 1024;

/**
 * The importer's membership pinned for the import: every op of a phase then takes the same path to
 * the engine in the same number of steps, so the engine receives (and ranks) them in plan order. The
 * import was authorized once, as a whole, before any of it was written.
 */
const pinned = (cache: AuthorizationCache, member: Member): AuthorizationCache => ({
  ticket: () => cache.ticket(),
  session: (jti) => cache.session(jti),
  rememberSession: (ticket, jti, session) => cache.rememberSession(ticket, jti, session),
  membership: (teamId, userId) =>
    teamId === member.teamId && userId === member.userId ? member : cache.membership(teamId, userId),
  rememberMembership: (ticket, m) => cache.rememberMembership(ticket, m),
  forgetMembership: (teamId, userId) => cache.forgetMembership(teamId, userId),
  forgetSession: (familyId) => cache.forgetSession(familyId),
  forgetUser: (userId) => cache.forgetUser(userId),
});

/**
 * Writes the plan's ops through the board engine (`boards.apply`, without the per-user mutation budget:
 * an import is one request), phase after phase, each phase's ops pipelined so the engine commits them
 * in groups. Every event is published as usual, so people watching see the board fill in.
 */
export const writeOps = async (
  deps: AppDeps,
  member: Member,
  target: BoardTarget,
  ops: PlannedOps,
): Promise<E.Either<AppError, void>> => {
  const apply = applyBoardOp({ ...deps, authCache: pinned(deps.authCache, member) });
  const actor = { userId: member.userId };
  for (const phase of ops.phases) {
    for (let i = 0; i < phase.length; i += WINDOW) {
      const results = await Promise.all(phase.slice(i, i + WINDOW).map((op) => apply(actor, target, op, null)()));
      const failed = results.find(E.isLeft);
      if (failed) return failed;
    }
  }
  return E.right(undefined);
};

/**
 * Undoes a failed import: the board it created is deleted for good with whatever was written to it
 * (the same store delete as `DELETE …/boards/:boardId`, without that route's owner/admin check: the
 * importer may delete what their own import made). Uploading the same file again then imports afresh.
 * Best effort: the store that just failed may still be failing, and then the partial board stays.
 */
export const undoImport = async (deps: AppDeps, target: BoardTarget): Promise<void> => {
  await removeBoard(deps)(target.teamId, target.boardId)();
};
