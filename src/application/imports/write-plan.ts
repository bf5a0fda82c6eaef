import * as E from 'fp-ts/Either';
import type { AppError, BoardOp, BoardOpInput, Member, Uuid } from '../../domain';
import { BoardOp as BoardOpCodec } from '../../domain';
import type { BoardTarget } from '../api';
import { applyBoardOp } from '../boards/apply.use-case';
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

const decoded = (input: BoardOpInput): BoardOp => {
  const op = BoardOpCodec.decode(input);
  if (E.isLeft(op)) throw new Error(`rollback op ${input.kind} did not decode`);
  return op.right;
};

/**
 * Undoes a failed import as far as the store allows: there is no board delete, so the board's lists
 * (with their cards) and labels are deleted and the board itself archived, so no content is left behind
 * and the board only shows, empty, among archived boards. Best effort: the store that just failed may
 * still be failing.
 */
export const undoImport = async (
  deps: AppDeps,
  member: Member,
  target: BoardTarget,
  ids: { listIds: readonly Uuid[]; labelIds: readonly Uuid[] },
): Promise<void> => {
  const apply = applyBoardOp({ ...deps, authCache: pinned(deps.authCache, member) });
  const actor = { userId: member.userId };
  const undo: BoardOpInput[] = [
    ...ids.listIds.map((listId): BoardOpInput => ({ kind: 'list.delete', listId })),
    ...ids.labelIds.map((labelId): BoardOpInput => ({ kind: 'label.delete', labelId })),
    { kind: 'board.update', archived: true },
  ];
  for (const op of undo) await apply(actor, target, decoded(op), null)();
};
