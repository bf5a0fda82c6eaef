import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain';
import type { Placement } from '../placement';
import { dryRunReport, plan } from './plan';
import { cutover } from './cutover';
import { toAppError } from './move-errors';
import { pageRows, type MoveLock, type MoveShard, type Transfer, type VerifyReport } from './ports';
import { DELETE_BATCH, finishForward, rollBack, type MoveSides } from './settle';
import { DEFAULT_LEASE_MS, MoveAborted, type MoveEnv, type MoveOptions, type MoveReport, type Phase } from './types';

/** One move in progress: its settings resolved, its shards and lock at hand. */
interface Run {
  readonly env: MoveEnv;
  readonly opts: Required<
    Pick<MoveOptions, 'maxPauseMs' | 'batchRows' | 'catchUpThreshold' | 'cutoverAttempts' | 'leaseMs'>
  > &
    MoveOptions;
  readonly placement: Placement;
  readonly source: MoveShard;
  readonly target: MoveShard;
  readonly transfer: Transfer;
  readonly lock: MoveLock;
  /** When progress was last written to the catalog. */
  readonly recorded: { at: number };
}

const DEFAULTS = {
  maxPauseMs: 250,
  batchRows: 2000,
  catchUpThreshold: 200,
  cutoverAttempts: 5,
  leaseMs: DEFAULT_LEASE_MS,
};
const MAX_CATCH_UP_ROUNDS = 200;

/** Records the phase in the lease first, so a mover that dies in it is settled from the right phase. */
const enter = async (run: Run, phase: Phase): Promise<void> => {
  if (run.opts.signal?.aborted) throw new MoveAborted(`interrupted before ${phase}`);
  await run.lock.record(phase);
  await run.opts.onPhase?.(phase);
  if (run.opts.signal?.aborted) throw new MoveAborted(`interrupted before ${phase}`);
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
  const { source, transfer, opts } = run;
  const totals = await source.countRows(opts.teamId);
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const copied: Record<string, number> = {};
  let done = 0;
  progress(run, 'copy', 0, total);
  for (const t of transfer.tables) {
    let n = 0;
    for (let after: readonly string[] | null = null; ;) {
      if (opts.signal?.aborted) throw new MoveAborted('interrupted during copy');
      const limit = pageRows(t, opts.batchRows);
      const page = await transfer.copyPage(t, opts.teamId, after, limit);
      n += page.copied;
      done += page.copied;
      progress(run, 'copy', done, Math.max(total, done));
      if (page.copied < limit) break;
      after = page.last;
    }
    copied[t.name] = n;
  }
  // The bulk copy is complete even when rows counted up front were deleted meanwhile (catch-up follows).
  progress(run, 'copy', done, done);
  return copied;
};

/** Applies recorded changes until fewer than the threshold wait. */
const catchUp = async (run: Run, threshold = run.opts.catchUpThreshold): Promise<number> => {
  const { source, transfer, opts } = run;
  let applied = 0;
  for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
    if (opts.signal?.aborted) throw new MoveAborted('interrupted during catch-up');
    const waiting = await source.backlog(opts.teamId);
    progress(run, 'catch-up', applied, applied + waiting);
    if (waiting <= threshold && round > 0) break;
    applied += await transfer.catchUpOnce(opts.teamId, 5000);
  }
  return applied;
};

const verify = async (run: Run): Promise<VerifyReport> => {
  let done = 0;
  const tables = run.transfer.tables.length;
  progress(run, 'verify', 0, tables);
  const report = await run.transfer.verify(run.opts.teamId, () => progress(run, 'verify', ++done, tables));
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
    const onFenced = async () => {
      await run.lock.record('fenced');
      await opts.onPhase?.('fenced');
    };
    const result = await cutover({ ...run, ...opts, epoch: placement.epoch, placements: run.env.placements, onFenced });
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

const sides = (run: Run): MoveSides => ({
  teamId: run.opts.teamId,
  from: run.placement.shardId,
  to: run.opts.to,
  source: run.source,
  target: run.target,
  epoch: run.placement.epoch,
});

/** After the flip: the move is done whatever happens here; problems become warnings. */
const finish = async (run: Run): Promise<{ pruned: number; warnings: string[] }> => {
  const warnings: string[] = [];
  let pruned = 0;
  try {
    await run.lock.record('cleanup');
    await run.opts.onPhase?.('cleanup');
    pruned = await finishForward(run.env, sides(run), (done, total) => progress(run, 'cleanup', done, total));
  } catch (err) {
    warnings.push(
      `cleanup of ${run.placement.shardId} failed (\`boardroom move-team ${run.opts.teamId} --resume\` finishes it): ${(err as Error).message}`,
    );
  }
  return { pruned, warnings };
};

/** The phases before the flip; any failure in them is aborted back to the source by the caller. */
const beforeFlip = async (run: Run) => {
  const { source, target, opts, placement } = run;
  await enter(run, 'capture');
  await target.setFence(opts.teamId, placement.epoch + 1, 'fenced');
  await target.deleteTeam(opts.teamId, DELETE_BATCH);
  await source.startCapture(opts.teamId, placement.epoch, opts.maxPauseMs * 20);
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
  const source = env.shards.get(placement.shardId) as MoveShard;
  const target = env.shards.get(opts.to) as MoveShard;
  const lock = await env.leases.acquire(opts.teamId, {
    from: placement.shardId,
    to: opts.to,
    epoch: placement.epoch,
    maxPauseMs: opts.maxPauseMs,
    leaseMs: opts.leaseMs,
  });
  try {
    const transfer = await env.transfer(placement.shardId, opts.to);
    // A lost lease stops the move like Ctrl-C: someone may settle it once the lease runs out.
    const signal = opts.signal ? AbortSignal.any([opts.signal, lock.lost]) : lock.lost;
    const run: Run = { env, opts: { ...opts, signal }, placement, source, target, transfer, lock, recorded: { at: 0 } };
    let done: Awaited<ReturnType<typeof beforeFlip>>;
    try {
      done = await beforeFlip(run);
    } catch (err) {
      const cleanup = await rollBack(sides(run)).then(
        () => null,
        (e: unknown) => e,
      );
      if (cleanup !== null) {
        // Left `running`: once the lease runs out, the next `boardroom` command or server start rolls it back.
        await lock
          .record('aborting', 'running', { error: String(err), cleanup: String(cleanup) })
          .catch(() => undefined);
        throw new Error(
          `${(err as Error).message}; undoing it failed (it is retried automatically): ${String(cleanup)}`,
        );
      }
      const state = err instanceof MoveAborted ? 'aborted' : 'failed';
      await lock.record('aborted', state, { error: String(err) }).catch(() => undefined);
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
    const stats = { pauseMs: report.pauseMs, rowsPerSecond: report.rowsPerSecond };
    // An unfinished cleanup stays `running`: --resume, or anyone once the lease runs out, finishes it.
    if (warnings.length > 0) await lock.record('cleanup', 'running', { ...stats, warnings });
    else await lock.record('done', 'done', stats);
    return report;
  } finally {
    await lock.release();
  }
};

/**
 * Moves one team to another shard while it keeps working (docs/operations.md, "Moving a team").
 * Until the placement flips, any failure or abort leaves the team on its shard, serving, with the
 * target cleaned; after the flip the move finishes forward.
 */
export const moveTeam = (env: MoveEnv, opts: MoveOptions): TE.TaskEither<AppError, MoveReport> =>
  TE.tryCatch(
    () => runMove(env, opts),
    (err) => toAppError(err, env.classify),
  );
