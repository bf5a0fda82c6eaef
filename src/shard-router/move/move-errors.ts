import { conflict, validation, type AppError } from '../../domain';
import {
  FenceMismatch,
  MoveAborted,
  MoveInProgress,
  MoveInterrupted,
  MoveRefused,
  NoInterruptedMove,
  type MoveEnv,
} from './types';

/**
 * The error a move (or the settling of an interrupted one) answers, by what stopped it; a failure of the
 * storage itself is what `classify` makes of it (a lost database is `unavailable`).
 */
export const toAppError = (err: unknown, classify: MoveEnv['classify'] = () => undefined): AppError => {
  if (err instanceof MoveRefused) return validation(err.message, 'move_refused');
  if (err instanceof MoveInProgress) return conflict(err.message, 'move_in_progress');
  if (err instanceof MoveInterrupted) return conflict(err.message, 'move_interrupted');
  if (err instanceof NoInterruptedMove) return conflict(err.message, 'no_interrupted_move');
  if (err instanceof MoveAborted)
    return conflict(`move aborted, the team stays on its shard: ${err.message}`, 'move_aborted');
  if (err instanceof FenceMismatch) return conflict(err.message, 'fence_mismatch');
  // Whatever else stopped the move (a verification difference, a lost shard mid-way) was rolled back.
  return (
    classify(err) ?? conflict(`move failed, the team stays on its shard: ${(err as Error).message}`, 'move_failed')
  );
};
