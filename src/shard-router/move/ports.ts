import type { TeamId } from '../../domain';
import type { ShardId } from '../placement';

/**
 * What a tenant move needs from storage, as ports: the phases (move-team.ts, cutover.ts, settle.ts,
 * recover.ts) are written against these, the SQL lives in src/adapters/pg/move. Members return
 * promises that reject when the storage fails: every failure of a move is infrastructure's, and the move
 * answers it by rolling back (see move-team.ts), so there is no user error to carry in an Either.
 */

/** A team's fence on a shard (tenant_fence): `owned` serves the team, `fenced` and `moved` refuse its writes. */
export type FenceState = 'owned' | 'fenced' | 'moved';

/** The fence row of a team on one shard. */
export interface Fence {
  readonly epoch: number;
  readonly state: string;
}

/** A table of team rows as a move sees it: a name, and at most how many of its rows travel at once. */
export interface MoveTable {
  readonly name: string;
  /** Set for tables of wide rows (file chunks), so the mover never holds many of them at once. */
  readonly maxRows?: number;
}

/** Rows per page for a table: the move's batch size, or less for a table of wide rows. */
export const pageRows = (t: MoveTable, batchRows: number): number => Math.min(batchRows, t.maxRows ?? batchRows);

/** A row's key after team_id, as text. */
export type RowKey = readonly string[];

/** How one table compares between the two shards. */
export interface TableVerdict {
  readonly table: string;
  readonly sourceRows: number;
  readonly targetRows: number;
  readonly chunks: number;
  /** Indexes of the chunks whose row count or hash differ. */
  readonly differingChunks: readonly number[];
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly tables: readonly TableVerdict[];
  /** Keys with recorded changes not yet applied, left out of the comparison (0 outside a move). */
  readonly excludedKeys: number;
}

/** One shard, as the phases of a move read and change a team's state on it. */
export interface MoveShard {
  /** The team's row count per table. */
  readonly countRows: (teamId: TeamId) => Promise<Record<string, number>>;
  /** Sets the team's fence here, creating it when the team has none. */
  readonly setFence: (teamId: TeamId, epoch: number, state: FenceState) => Promise<void>;
  /** Undoes a committed source fence: a fence `fenced` at epoch + 1 is `owned` at `epoch` again. */
  readonly unfence: (teamId: TeamId, epoch: number) => Promise<void>;
  /** Refuses the team's writes here again (state `fenced`), keeping the fence's epoch: a cutover's undo. */
  readonly refuse: (teamId: TeamId) => Promise<void>;
  /** After the flip: the shard refuses the team for good (`moved` at `epoch`). */
  readonly markMoved: (teamId: TeamId, epoch: number) => Promise<void>;
  /** The team's fence here, if it has one. */
  readonly fenceOf: (teamId: TeamId) => Promise<Fence | null>;
  /** Deletes the team's rows in short batches of `batch` rows; resolves to how many it deleted. */
  readonly deleteTeam: (teamId: TeamId, batch: number, onBatch?: (deleted: number) => void) => Promise<number>;
  /**
   * Starts recording the team's changes once the writes in flight finished (waiting at most
   * `lockTimeoutMs`); rejects with FenceMismatch when the team is not owned here at `epoch`.
   */
  readonly startCapture: (teamId: TeamId, epoch: number, lockTimeoutMs: number) => Promise<void>;
  /** Stops recording the team's changes and forgets the ones recorded. */
  readonly stopCapture: (teamId: TeamId) => Promise<void>;
  /** How many recorded changes wait to be applied. */
  readonly backlog: (teamId: TeamId) => Promise<number>;
}

/** The outcome of holding the team's writes at cutover. */
export type Hold =
  | { readonly held: true; readonly changesApplied: number }
  /** The hold did not fit in the budget; it was released (writers carry on at the source). */
  | { readonly held: false; readonly reason: string; readonly changesApplied: number };

/** The pause budget of a hold: the longest it may last and how long it has lasted so far. */
export interface HoldBudget {
  readonly maxPauseMs: number;
  readonly elapsedMs: () => number;
}

/** Copying one team from a source shard to a target shard, with the source's table layout. */
export interface Transfer {
  /** The tables to copy, parents first. */
  readonly tables: readonly MoveTable[];
  /**
   * Copies one keyset page (at most `limit` rows) of the team's rows of `table` after `after`
   * (exclusive; null for the first page); resolves to the rows copied and the last key copied.
   */
  readonly copyPage: (
    table: MoveTable,
    teamId: TeamId,
    after: RowKey | null,
    limit: number,
  ) => Promise<{ readonly copied: number; readonly last: RowKey | null }>;
  /** Applies up to `limit` recorded changes to the target; resolves to how many it applied. */
  readonly catchUpOnce: (teamId: TeamId, limit: number) => Promise<number>;
  /** Compares the team's rows on both shards, leaving out keys with changes not yet applied. */
  readonly verify: (teamId: TeamId, onTable?: (table: string) => void) => Promise<VerifyReport>;
  /**
   * Holds the team's writes at the source, drains the change log into the target, marks the target
   * owned and the source fenced at epoch + 1 and stops capture, all or nothing; gives up (releasing the
   * writers onto the source, the target fenced) when the budget runs out.
   */
  readonly hold: (teamId: TeamId, epoch: number, budget: HoldBudget) => Promise<Hold>;
}

/** What a move's lease records about it. */
export interface LeaseTerms {
  readonly from: ShardId;
  readonly to: ShardId;
  /** The team's epoch on the source when the move began. */
  readonly epoch: number;
  readonly maxPauseMs: number;
  readonly leaseMs: number;
}

export type MoveState = 'running' | 'done' | 'aborted' | 'failed';

/** The held lock and lease of one running move; its lease record says how far the move got. */
export interface MoveLock {
  /** Records the phase (and renews the lease); rejects when the catalog connection is gone. */
  readonly record: (phase: string, state?: MoveState, detail?: object) => Promise<void>;
  /** Aborted when the lease could not be renewed: the move must stop before anyone recovers it. */
  readonly lost: AbortSignal;
  readonly release: () => Promise<void>;
}

/** A move's lease as recorded, read by whoever settles an interrupted move. */
export interface LeaseRecord {
  readonly from: ShardId;
  readonly to: ShardId;
  readonly phase: string;
  readonly state: string;
  /** Null for leases written before the epoch was recorded. */
  readonly epoch: number | null;
  readonly maxPauseMs: number | null;
  readonly expired: boolean;
}

/** The team's move lock held (without a lease of its own) to settle an interrupted move. */
export interface SettleLock {
  /** The team's lease record, if it has one. */
  readonly lease: () => Promise<LeaseRecord | null>;
  /** Records how far settling got. */
  readonly mark: (phase: string, state: MoveState, detail: object) => Promise<void>;
  readonly release: () => Promise<void>;
}

/** The catalog's move locks and leases (one per team), which keep two movers of a team apart. */
export interface MoveLeases {
  /**
   * Takes the team's move lock and a lease, renewed until released. Rejects with MoveInProgress when a
   * live mover holds the lock, MoveInterrupted when a move that never finished is on record.
   */
  readonly acquire: (teamId: TeamId, terms: LeaseTerms) => Promise<MoveLock>;
  /** Takes the team's move lock alone; rejects with MoveInProgress when a live mover holds it. */
  readonly lock: (teamId: TeamId) => Promise<SettleLock>;
  /** The teams with a running move whose lease expired, but `except`. */
  readonly expired: (except: TeamId | null) => Promise<readonly TeamId[]>;
}
