import { conflict, validation, type AppError } from '../../domain';
import { classifyPgError } from '../../adapters/pg/pool';
import { FenceMismatch } from './capture';
import { MoveInProgress, MoveInterrupted } from './move-lock';
import { MoveAborted, MoveRefused, NoInterruptedMove } from './types';

/** The error a move (or the settling of an interrupted one) answers, by what stopped it. */
export const toAppError = (err: unknown): AppError => {
  if (err instanceof MoveRefused) return validation(err.message, 'move_refused');
  if (err instanceof MoveInProgress) return conflict(err.message, 'move_in_progress');
  if (err instanceof MoveInterrupted) return conflict(err.message, 'move_interrupted');
  if (err instanceof NoInterruptedMove) return conflict(err.message, 'no_interrupted_move');
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
