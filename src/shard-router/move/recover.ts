import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { AppError, TeamId } from '../../domain';
import { resolvePlacement, type ShardId } from '../placement';
import { flipPlacement } from './cutover';
import { toAppError } from './move-errors';
import { moveTeam } from './move-team';
import type { LeaseRecord, SettleLock } from './ports';
import { finishForward, rollBack, sidesOf, type MoveSides } from './settle';
import { MoveRefused, NoInterruptedMove, type MoveEnv, type MoveOptions, type MoveReport } from './types';

/**
 * Interrupted moves: a mover that died (SIGKILL, a lost machine) leaves its tenant_moves row `running`
 * with a lease nobody renews. Whoever settles it first takes the team's move lock (so never while the
 * mover lives) and decides from the recorded phase, checked against the real state: past the placement
 * flip the move is finished; before it, rolled back (or, on --resume, finished: flipped at once when the
 * source was already fenced, restarted otherwise).
 */

/** How an interrupted move was settled. */
export interface Settlement {
  readonly teamId: TeamId;
  readonly from: ShardId;
  readonly to: ShardId;
  /** The phase the dead mover had recorded. */
  readonly phase: string;
  /** `finished`: the team lives on `to`; `rolled back`: it lives on `from`, serving. */
  readonly outcome: 'finished' | 'rolled back';
  /** Rows deleted from the source when finished. */
  readonly pruned: number;
  /** The fresh move that finished a move interrupted before its source was fenced (--resume). */
  readonly move?: MoveReport;
}

/** The source epoch of the move; rows written before migration 0007 lack it and take the placement's. */
const epochOf = async (env: MoveEnv, teamId: TeamId, row: LeaseRecord): Promise<number> => {
  if (row.epoch !== null) return row.epoch;
  const p = await resolvePlacement(env.placements)(teamId)();
  if (E.isLeft(p)) throw new Error(p.left.message);
  return p.right.shardId === row.to ? p.right.epoch - 1 : p.right.epoch;
};

const isFlipped = async (env: MoveEnv, m: MoveSides): Promise<boolean> => {
  const p = await resolvePlacement(env.placements)(m.teamId)();
  if (E.isLeft(p)) throw new Error(p.left.message);
  return p.right.shardId === m.to && p.right.epoch === m.epoch + 1;
};

/** Killed between fencing the source and the flip: the target holds everything and owns the team. */
const fencedForTarget = async (m: MoveSides): Promise<boolean> => {
  const [src, tgt] = await Promise.all([m.source.fenceOf(m.teamId), m.target.fenceOf(m.teamId)]);
  return src?.state === 'fenced' && src.epoch === m.epoch + 1 && tgt?.state === 'owned' && tgt.epoch === m.epoch + 1;
};

type Mode = 'resume' | 'abort' | 'expired';
type Decided = { settled: Settlement } | { restart: { to: ShardId; phase: string; maxPauseMs: number | null } } | null;

const decide = async (env: MoveEnv, c: SettleLock, teamId: TeamId, row: LeaseRecord, mode: Mode): Promise<Decided> => {
  const m = sidesOf(env, { teamId, from: row.from, to: row.to, epoch: await epochOf(env, teamId, row) });
  const base = { teamId, from: row.from, to: row.to, phase: row.phase };
  const finish = async (): Promise<Decided> => {
    await c.mark('cleanup', 'running', { recoveredBy: mode });
    const pruned = await finishForward(env, m);
    await c.mark('done', 'done', { recoveredBy: mode, pruned });
    return { settled: { ...base, outcome: 'finished', pruned } };
  };
  if (await isFlipped(env, m)) {
    if (mode === 'abort') {
      throw new MoveRefused(
        `the placement of team ${teamId} already names ${row.to}; finish the move with --resume, or move it back with --to ${row.from}`,
      );
    }
    return finish();
  }
  if (mode === 'resume' && (await fencedForTarget(m))) {
    if (!(await flipPlacement({ placements: env.placements, teamId, epoch: m.epoch, to: m.to }))) {
      throw new Error(`the placement of team ${teamId} changed under the move (compare-and-set failed)`);
    }
    return finish();
  }
  await rollBack(m);
  // Writers that waited at the fence re-read placement at once instead of at their next retry.
  await env.publish({ type: 'tenant.moved', teamId, shardId: m.from, epoch: m.epoch });
  await c.mark('aborted', 'aborted', { recoveredBy: mode, interruptedIn: row.phase });
  if (mode === 'resume') return { restart: { to: row.to, phase: row.phase, maxPauseMs: row.maxPauseMs } };
  return { settled: { ...base, outcome: 'rolled back', pruned: 0 } };
};

/** Settles the team's interrupted move under its move lock; null when there is nothing (yet) to settle. */
const settle = async (env: MoveEnv, teamId: TeamId, mode: Mode): Promise<Decided> => {
  const c = await env.leases.lock(teamId);
  try {
    const row = await c.lease();
    if (row === null || row.state !== 'running') {
      if (mode === 'expired') return null;
      throw new NoInterruptedMove(`team ${teamId} has no interrupted move`);
    }
    if (mode === 'expired' && !row.expired) return null;
    return await decide(env, c, teamId, row, mode);
  } finally {
    await c.release();
  }
};

/**
 * `move-team --resume`: finishes the team's interrupted move. Past the fence it completes the flip and
 * the cleanup; before it, the partial copy is rolled back and the move runs again to the same shard.
 */
export const resumeMove = (
  env: MoveEnv,
  teamId: TeamId,
  opts: Pick<MoveOptions, 'signal' | 'onProgress' | 'maxPauseMs' | 'leaseMs'> = {},
): TE.TaskEither<AppError, Settlement> =>
  TE.tryCatch(
    async () => {
      const decided = await settle(env, teamId, 'resume');
      if (decided === null) throw new NoInterruptedMove(`team ${teamId} has no interrupted move`);
      if ('settled' in decided) return decided.settled;
      const { to, phase, maxPauseMs } = decided.restart;
      const again = await moveTeam(env, {
        ...opts,
        teamId,
        to,
        ...(opts.maxPauseMs === undefined && maxPauseMs !== null && { maxPauseMs }),
      })();
      if (E.isLeft(again)) throw new Error(again.left.message);
      const r = again.right;
      return { teamId, from: r.from, to: r.to, phase, outcome: 'finished', pruned: r.pruned, move: r };
    },
    (err) => toAppError(err, env.classify),
  );

/** `move-team --abort`: undoes the team's interrupted move; refused once the placement has flipped. */
export const abortMove = (env: MoveEnv, teamId: TeamId): TE.TaskEither<AppError, Settlement> =>
  TE.tryCatch(
    async () => {
      const decided = await settle(env, teamId, 'abort');
      if (decided === null || !('settled' in decided))
        throw new NoInterruptedMove(`team ${teamId} has no interrupted move`);
      return decided.settled;
    },
    (err) => toAppError(err, env.classify),
  );

export interface Recovery {
  readonly settled: readonly Settlement[];
  /** Moves that could not be settled now (a shard down, not configured here); the next try retries. */
  readonly failed: readonly { readonly teamId: TeamId; readonly error: string }[];
}

/**
 * Settles every move whose lease expired (its mover died): finished when past the flip, rolled back
 * otherwise. Run by every `boardroom` command and by every server at start; a move another process is
 * settling (or whose mover still lives) is skipped, and so is `except` (the team --resume is about).
 */
export const recoverExpiredMoves = async (env: MoveEnv, except: TeamId | null = null): Promise<Recovery> => {
  const expired = await env.leases.expired(except);
  const settled: Settlement[] = [];
  const failed: { teamId: TeamId; error: string }[] = [];
  for (const teamId of expired) {
    try {
      const decided = await settle(env, teamId, 'expired');
      if (decided !== null && 'settled' in decided) settled.push(decided.settled);
    } catch (err) {
      if (toAppError(err).code === 'move_in_progress') continue;
      failed.push({ teamId, error: (err as Error).message });
    }
  }
  return { settled, failed };
};
