import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { Pool } from 'pg';
import type { TeamId } from '../../domain';
import type { PlacementStore, ShardId } from '../placement';
import { applyChanges, lockOwnedFence } from './capture';
import type { TableShape } from './tables';
import { MoveAborted } from './types';

/** Everything one cutover attempt needs. */
export interface CutoverInput {
  readonly source: Pool;
  readonly target: Pool;
  readonly placements: PlacementStore;
  readonly shapes: readonly TableShape[];
  readonly teamId: TeamId;
  readonly to: ShardId;
  /** The epoch the team is owned at on the source; the target gets epoch + 1. */
  readonly epoch: number;
  readonly maxPauseMs: number;
  readonly signal?: AbortSignal;
  /** Awaited once the source fence is committed, before the flip (the mover records it in its lease). */
  readonly onFenced?: () => Promise<void>;
}

export type CutoverResult =
  | { readonly done: true; readonly pauseMs: number; readonly changesApplied: number }
  /** The hold did not fit in the budget; it was released and nothing changed. */
  | { readonly done: false; readonly reason: string; readonly changesApplied: number };

const LOCK_NOT_AVAILABLE = '55P03';

/** The hold ran out of its pause budget. */
class Budget extends Error {}

/** Sets the team's fence on a shard. */
export const setFence = async (db: Pool, teamId: TeamId, epoch: number, state: string): Promise<void> => {
  await db.query(
    `INSERT INTO tenant_fence (team_id, epoch, state) VALUES ($1, $2, $3)
     ON CONFLICT (team_id) DO UPDATE SET epoch = $2, state = $3, updated_at = now()`,
    [teamId, epoch, state],
  );
};

/** Undoes a committed source fence: the team is owned at its old epoch again. */
export const unfenceSource = async (source: Pool, teamId: TeamId, epoch: number): Promise<void> => {
  await source.query(
    `UPDATE tenant_fence SET state = 'owned', epoch = $2, updated_at = now()
     WHERE team_id = $1 AND state = 'fenced' AND epoch = $3`,
    [teamId, epoch, epoch + 1],
  );
};

type Held =
  | { readonly held: true; readonly changesApplied: number }
  | { readonly held: false; reason: string; changesApplied: number };

/**
 * Holds the team's writes by locking its source fence, drains the change log into the target, marks the
 * target owned at epoch + 1 and commits the source fenced at epoch + 1. Gives
 * up (rolling back, which releases the held writers onto the source) when the budget runs out.
 */
const fenceSource = async (input: CutoverInput, started: number): Promise<Held> => {
  const { source, target, shapes, teamId, epoch, maxPauseMs } = input;
  const over = () => performance.now() - started > maxPauseMs;
  const c = await source.connect();
  let changesApplied = 0;
  try {
    await c.query('BEGIN');
    await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(maxPauseMs))}`);
    await lockOwnedFence(c, teamId, epoch);
    const lockedAt = Math.round(performance.now() - started);
    // The drain is the whole check here: verification ran before, on a consistent snapshot, and a full
    // recount of a large team would not fit in the pause.
    for (let n = -1; n !== 0; changesApplied += n) {
      if (over()) throw new Budget(`the drain did not fit in the pause budget (fence locked after ${lockedAt} ms)`);
      n = await applyChanges(c, target, shapes, teamId, 5000);
    }
    await setFence(target, teamId, epoch + 1, 'owned');
    await c.query("UPDATE tenant_fence SET state = 'fenced', epoch = $2, updated_at = now() WHERE team_id = $1", [
      teamId,
      epoch + 1,
    ]);
    await c.query('DELETE FROM tenant_capture WHERE team_id = $1', [teamId]);
    await c.query('COMMIT');
    return { held: true, changesApplied };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    await setFence(target, teamId, epoch + 1, 'fenced');
    if (err instanceof Budget) return { held: false, reason: err.message, changesApplied };
    if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) {
      return { held: false, reason: 'writes in flight held the fence past the budget', changesApplied };
    }
    throw err;
  } finally {
    c.release();
  }
};

/** The placement CAS; an unclear answer (lost catalog) is settled by reading the placement back. */
export const flipPlacement = async (
  input: Pick<CutoverInput, 'placements' | 'teamId' | 'epoch' | 'to'>,
): Promise<boolean> => {
  const { placements, teamId, epoch, to } = input;
  const cas = await placements.compareAndSetOverride(teamId, epoch, to)();
  if (E.isRight(cas)) return true;
  const now = await placements.override(teamId)();
  return E.isRight(now) && O.isSome(now.right) && now.right.value.shardId === to && now.right.value.epoch === epoch + 1;
};

/**
 * One cutover attempt. Until the placement flips, any failure (or Ctrl-C) puts the source fence back,
 * so the team keeps serving from the source; `pauseMs` runs from asking for the fence lock to the flip.
 */
export const cutover = async (input: CutoverInput): Promise<CutoverResult> => {
  const started = performance.now();
  const held = await fenceSource(input, started);
  if (!held.held) return { done: false, reason: held.reason, changesApplied: held.changesApplied };
  try {
    await input.onFenced?.();
    if (input.signal?.aborted) throw new MoveAborted('interrupted during cutover, before the placement flip');
    if (!(await flipPlacement(input))) throw new Error('the placement changed under the move (compare-and-set failed)');
  } catch (err) {
    await input.target.query("UPDATE tenant_fence SET state = 'fenced' WHERE team_id = $1", [input.teamId]);
    await unfenceSource(input.source, input.teamId, input.epoch);
    throw err;
  }
  return { done: true, pauseMs: performance.now() - started, changesApplied: held.changesApplied };
};
