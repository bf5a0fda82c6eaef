import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import { conflict, validation, type AppError } from '../../domain';
import { classifyPgError } from '../../adapters/pg/pool';
import type { Placement } from '../placement';
import { dryRunReport, plan } from './plan';
import { backlog, catchUpOnce, FenceMismatch, startCapture, stopCapture } from './capture';
import { countRows, deleteTeamRows, readPage, upsertRows } from './copy';
import { cutover, setFence } from './cutover';
import { acquireMoveLock, MoveInProgress, type MoveLock } from './move-lock';
import { loadShapes, TEAM_TABLES, type TableShape } from './tables';
import { MoveAborted, MoveRefused, type MoveEnv, type MoveOptions, type MoveReport, type Phase } from './types';
import { verifyTeam, type VerifyReport } from './verify';

/** One move in progress: its settings resolved, its shards and lock at hand. */
interface Run {
  readonly env: MoveEnv;
  readonly opts: Required<Pick<MoveOptions, 'maxPauseMs' | 'batchRows' | 'catchUpThreshold' | 'cutoverAttempts'>> &
    MoveOptions;
  readonly placement: Placement;
  readonly source: Pool;
  readonly target: Pool;
  readonly shapes: readonly TableShape[];
  readonly lock: MoveLock;
  /** When progress was last written to the catalog. */
  readonly recorded: { at: number };
}

const DEFAULTS = { maxPauseMs: 250, batchRows: 2000, catchUpThreshold: 200, cutoverAttempts: 5 };
const MAX_CATCH_UP_ROUNDS = 200;

const enter = async (run: Run, phase: Phase): Promise<void> => {
  if (run.opts.signal?.aborted) throw new MoveAborted(`interrupted before ${phase}`);
  await run.opts.onPhase?.(phase);
  if (run.opts.signal?.aborted) throw new MoveAborted(`interrupted before ${phase}`);
  await run.lock.record(phase);
};

const RECORD_EVERY_MS = 1000;

/** Reports progress to the caller, and (at most once a second) to the catalog for servers' /metrics. */
const progress = (run: Run, phase: Phase, done: number, total: number) => {
  run.opts.onProgress?.({ phase, done, total });
  const now = Date.now();
  if (done < total && now - run.recorded.at < RECORD_EVERY_MS) return;
  run.recorded.at = now;
  void run.lock.record(phase, 'running', { [`progress:${phase}`]: { done, total } }).catch(() => undefined);
};

/** Bulk copy in keyset pages; returns rows copied per table. */
const copy = async (run: Run): Promise<Record<string, number>> => {
  const { source, target, shapes, opts } = run;
  const totals = await countRows(source, opts.teamId);
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const copied: Record<string, number> = {};
  let done = 0;
  progress(run, 'copy', 0, total);
  for (const t of shapes) {
    let n = 0;
    for (let after: readonly string[] | null = null; ;) {
      if (opts.signal?.aborted) throw new MoveAborted('interrupted during copy');
      const page = await readPage(source, t, opts.teamId, after, opts.batchRows);
      await upsertRows(target, t, page);
      n += page.length;
      done += page.length;
      progress(run, 'copy', done, Math.max(total, done));
      if (page.length < opts.batchRows) break;
      after = page[page.length - 1]?.key ?? null;
    }
    copied[t.name] = n;
  }
  // The bulk copy is complete even when rows counted up front were deleted meanwhile (catch-up follows).
  progress(run, 'copy', done, done);
  return copied;
};

/** Applies recorded changes until fewer than the threshold wait. */
const catchUp = async (run: Run, threshold = run.opts.catchUpThreshold): Promise<number> => {
  const { source, target, shapes, opts } = run;
  let applied = 0;
  for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
    if (opts.signal?.aborted) throw new MoveAborted('interrupted during catch-up');
    const waiting = await backlog(source, opts.teamId);
    progress(run, 'catch-up', applied, applied + waiting);
    if (waiting <= threshold && round > 0) break;
    applied += await catchUpOnce(source, target, shapes, opts.teamId, 5000);
  }
  return applied;
};

const verify = async (run: Run): Promise<VerifyReport> => {
  let done = 0;
  progress(run, 'verify', 0, run.shapes.length);
  const report = await verifyTeam(run.source, run.target, run.shapes, run.opts.teamId, () =>
    progress(run, 'verify', ++done, run.shapes.length),
  );
  if (!report.ok) {
    const bad = report.tables.filter((t) => t.differingChunks.length > 0).map((t) => t.table);
    throw new Error(`verification found differences in ${bad.join(', ')}`);
  }
  return report;
};

/** Cutover attempts, each after a catch-up, until one fits in the pause budget. */
const cutOver = async (run: Run): Promise<{ pauseMs: number; attempts: number; applied: number }> => {
  const { opts, placement } = run;
  let applied = 0;
  const reasons: string[] = [];
  for (let attempt = 1; attempt <= opts.cutoverAttempts; attempt++) {
    // The hold drains whatever is left, so start it with as little left as the load allows.
    applied += await catchUp(run, Math.min(opts.catchUpThreshold, 20));
    progress(run, 'cutover', attempt - 1, opts.cutoverAttempts);
    const result = await cutover({ ...run, ...opts, epoch: placement.epoch, placements: run.env.placements });
    applied += result.changesApplied;
    if (result.done) {
      progress(run, 'cutover', opts.cutoverAttempts, opts.cutoverAttempts);
      return { pauseMs: result.pauseMs, attempts: attempt, applied };
    }
    reasons.push(result.reason);
    await run.lock.record('cutover', 'running', { [`attempt${attempt}`]: result.reason });
  }
  throw new MoveAborted(
    `no cutover fitted in ${opts.maxPauseMs} ms after ${opts.cutoverAttempts} attempts (last: ${reasons.at(-1)})`,
  );
};

/** Before the flip: the source keeps the team, the target forgets it. */
const abort = async (run: Run): Promise<void> => {
  const { source, target, opts, placement } = run;
  await stopCapture(source, opts.teamId);
  await setFence(target, opts.teamId, placement.epoch + 1, 'moved');
  for (const t of TEAM_TABLES) await deleteTeamRows(target, t, opts.teamId, 5000);
};

/** After the flip: the move is done whatever happens here; problems become warnings. */
const finish = async (run: Run): Promise<{ pruned: number; warnings: string[] }> => {
  const { source, opts, placement, env } = run;
  const warnings: string[] = [];
  const epoch = placement.epoch + 1;
  await env.publish({ type: 'tenant.moved', teamId: opts.teamId, shardId: opts.to, epoch });
  let pruned = 0;
  try {
    await run.lock.record('cleanup');
    await source.query("UPDATE tenant_fence SET state = 'moved', updated_at = now() WHERE team_id = $1", [opts.teamId]);
    await stopCapture(source, opts.teamId);
    const total = Object.values(await countRows(source, opts.teamId)).reduce((a, b) => a + b, 0);
    progress(run, 'cleanup', 0, total);
    let shown = 0;
    // The source fence refuses the team's writes from now on, so these rows only shrink.
    for (const t of TEAM_TABLES) {
      pruned += await deleteTeamRows(source, t, opts.teamId, 5000, (n) =>
        progress(run, 'cleanup', (shown += n), total),
      );
    }
  } catch (err) {
    warnings.push(`cleanup of ${placement.shardId} failed (re-run the prune): ${(err as Error).message}`);
  }
  return { pruned, warnings };
};

/** The phases before the flip; any failure in them is aborted back to the source by the caller. */
const beforeFlip = async (run: Run) => {
  const { source, target, opts, placement } = run;
  await enter(run, 'capture');
  await setFence(target, opts.teamId, placement.epoch + 1, 'fenced');
  for (const t of TEAM_TABLES) await deleteTeamRows(target, t, opts.teamId, 5000);
  await startCapture(source, opts.teamId, placement.epoch, opts.maxPauseMs * 20);
  await enter(run, 'copy');
  const started = performance.now();
  const rows = await copy(run);
  const copyMs = performance.now() - started;
  await enter(run, 'catch-up');
  let changesApplied = await catchUp(run);
  await enter(run, 'verify');
  const verified = await verify(run);
  await enter(run, 'cutover');
  const flipped = await cutOver(run);
  changesApplied += flipped.applied;
  return { rows, copyMs, changesApplied, verified, flipped };
};

const runMove = async (env: MoveEnv, options: MoveOptions): Promise<MoveReport> => {
  const opts = { ...DEFAULTS, ...options };
  const placement = await plan(env, opts);
  if (opts.dryRun) return dryRunReport(env, opts, placement);
  const source = env.shards.get(placement.shardId) as Pool;
  const target = env.shards.get(opts.to) as Pool;
  const lock = await acquireMoveLock(env.catalog, opts.teamId, placement.shardId, opts.to);
  try {
    const shapes = await loadShapes(source);
    const run: Run = { env, opts, placement, source, target, shapes, lock, recorded: { at: 0 } };
    let done: Awaited<ReturnType<typeof beforeFlip>>;
    try {
      done = await beforeFlip(run);
    } catch (err) {
      const cleanup = await abort(run).then(
        () => null,
        (e: unknown) => e,
      );
      const state = err instanceof MoveAborted ? 'aborted' : 'failed';
      await lock.record('aborted', state, { error: String(err), cleanup: String(cleanup) }).catch(() => undefined);
      // The team is on the source either way; an unfinished cleanup only leaves rows the next move deletes.
      if (cleanup !== null)
        throw new Error(`${(err as Error).message}; cleaning the target failed: ${String(cleanup)}`);
      throw err;
    }
    const { pruned, warnings } = await finish(run);
    const copied = Object.values(done.rows).reduce((a, b) => a + b, 0);
    const report: MoveReport = {
      teamId: opts.teamId,
      from: placement.shardId,
      to: opts.to,
      dryRun: false,
      epoch: placement.epoch + 1,
      rows: done.rows,
      copyMs: Math.round(done.copyMs),
      rowsPerSecond: done.copyMs > 0 ? Math.round((copied * 1000) / done.copyMs) : copied,
      changesApplied: done.changesApplied,
      verify: done.verified,
      pauseMs: Math.round(done.flipped.pauseMs * 10) / 10,
      cutoverAttempts: done.flipped.attempts,
      pruned,
      warnings,
    };
    await lock.record('done', 'done', { pauseMs: report.pauseMs, rowsPerSecond: report.rowsPerSecond });
    return report;
  } finally {
    await lock.release();
  }
};

const toAppError = (err: unknown): AppError => {
  if (err instanceof MoveRefused) return validation(err.message, 'move_refused');
  if (err instanceof MoveInProgress) return conflict(err.message, 'move_in_progress');
  if (err instanceof MoveAborted)
    return conflict(`move aborted, the team stays on its shard: ${err.message}`, 'move_aborted');
  if (err instanceof FenceMismatch) return conflict(err.message, 'fence_mismatch');
  try {
    return classifyPgError(err);
  } catch {
    // Whatever stopped the move (a verification difference, a lost shard mid-way) was rolled back.
    return conflict(`move failed, the team stays on its shard: ${(err as Error).message}`, 'move_failed');
  }
};

/**
 * Moves one team to another shard while it keeps working (docs/operations.md, "Moving a team").
 * Until the placement flips, any failure or abort leaves the team on its shard, serving, with the
 * target cleaned; after the flip the move finishes forward.
 */
export const moveTeam = (env: MoveEnv, opts: MoveOptions): TE.TaskEither<AppError, MoveReport> =>
  TE.tryCatch(() => runMove(env, opts), toAppError);
