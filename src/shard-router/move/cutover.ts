import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TeamId } from '../../domain';
import type { PlacementStore, ShardId } from '../placement';
import type { MoveShard, Transfer } from './ports';
import { MoveAborted } from './types';

/** Everything one cutover attempt needs. */
export interface CutoverInput {
  readonly source: MoveShard;
  readonly target: MoveShard;
  readonly transfer: Transfer;
  readonly placements: PlacementStore;
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
  const held = await input.transfer.hold(input.teamId, input.epoch, {
    maxPauseMs: input.maxPauseMs,
    elapsedMs: () => performance.now() - started,
  });
  if (!held.held) return { done: false, reason: held.reason, changesApplied: held.changesApplied };
  try {
    await input.onFenced?.();
    if (input.signal?.aborted) throw new MoveAborted('interrupted during cutover, before the placement flip');
    if (!(await flipPlacement(input))) throw new Error('the placement changed under the move (compare-and-set failed)');
  } catch (err) {
    await input.target.refuse(input.teamId);
    await input.source.unfence(input.teamId, input.epoch);
    throw err;
  }
  return { done: true, pauseMs: performance.now() - started, changesApplied: held.changesApplied };
};
