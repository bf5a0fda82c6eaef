import type { ControlMessage } from '../../application/ports';
import type { AppError, TeamId } from '../../domain';
import type { PlacementStore, ShardId } from '../placement';
import type { MoveLeases, MoveShard, Transfer, VerifyReport } from './ports';

/** The phases of a move, in order; progress is reported per phase. */
export const PHASES = ['capture', 'copy', 'catch-up', 'verify', 'cutover', 'cleanup'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The points a move records in its lease (tenant_moves.phase): the phases, plus `fenced`, the moment
 * between committing the source fence and flipping the placement.
 */
export type LeasePhase = Phase | 'fenced';

export interface Progress {
  readonly phase: Phase;
  readonly done: number;
  readonly total: number;
}

/**
 * What a move works on: the catalog's move leases, every configured shard, copying between two of
 * them, the placement, and the control channel to all instances (src/adapters/pg/move/env.ts builds it).
 */
export interface MoveEnv {
  readonly leases: MoveLeases;
  readonly shards: ReadonlyMap<ShardId, MoveShard>;
  /** Opens a transfer of team rows from `from` to `to` (it reads the source's table layout). */
  readonly transfer: (from: ShardId, to: ShardId) => Promise<Transfer>;
  readonly placements: PlacementStore;
  /** Tells every instance (best effort) that the team's placement changed. */
  readonly publish: (message: ControlMessage) => Promise<void>;
  /** What the storage makes of one of its own failures (a lost database is `unavailable`), if anything. */
  readonly classify: (err: unknown) => AppError | undefined;
}

export interface MoveOptions {
  readonly teamId: TeamId;
  readonly to: ShardId;
  /** Only report what would be moved. */
  readonly dryRun?: boolean;
  /** Longest the team's writes may be held at cutover (default 250); a slower cutover is retried. */
  readonly maxPauseMs?: number;
  /** Rows per copy batch (default 2000). */
  readonly batchRows?: number;
  /** Catch-up stops once this few changes wait (default 200). */
  readonly catchUpThreshold?: number;
  /** Cutover tries before the move gives up, each after another catch-up (default 5). */
  readonly cutoverAttempts?: number;
  /** How long the move's lease outlives a dead mover before anyone may settle it (default 30000). */
  readonly leaseMs?: number;
  /** Ctrl-C: honoured until the placement flips, ignored afterwards. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  /**
   * Awaited as each phase starts, and at `fenced` (source fenced, placement not yet flipped); tests use
   * it to abort, hold or kill a move at a chosen point.
   */
  readonly onPhase?: (phase: LeasePhase) => void | Promise<void>;
}

/** What a finished (or dry-run) move reports. */
export interface MoveReport {
  readonly teamId: TeamId;
  readonly from: ShardId;
  readonly to: ShardId;
  readonly dryRun: boolean;
  /** The team's epoch afterwards (unchanged for a dry run). */
  readonly epoch: number;
  /** Rows copied per table in the bulk copy (rows on the source for a dry run). */
  readonly rows: Readonly<Record<string, number>>;
  readonly copyMs: number;
  readonly rowsPerSecond: number;
  /** Recorded changes applied during catch-up and the final drain. */
  readonly changesApplied: number;
  readonly verify: VerifyReport | null;
  /** How long the team's writes were held at cutover, until the placement flipped. */
  readonly pauseMs: number;
  readonly cutoverAttempts: number;
  /** Rows deleted from the source after the flip. */
  readonly pruned: number;
  /** Problems after the flip; the move itself is done but an operator should look. */
  readonly warnings: readonly string[];
}

/** The operator asked for something a move cannot do (same shard, unknown shard). */
export class MoveRefused extends Error {}

/** Ctrl-C, or a cutover that never fit in the pause budget; the team stays on the source. */
export class MoveAborted extends Error {}

/** `--resume` / `--abort` of a team without an interrupted move. */
export class NoInterruptedMove extends Error {}

/** Another move of the same team holds the lock. */
export class MoveInProgress extends Error {}

/** The team has an interrupted move on record; it must be resumed or aborted first. */
export class MoveInterrupted extends Error {}

/** The team's fence on a shard is not what a move needs (not owned there at the expected epoch). */
export class FenceMismatch extends Error {}

/** How long a lease outlives its last renewal when nobody says otherwise. */
export const DEFAULT_LEASE_MS = 30_000;
