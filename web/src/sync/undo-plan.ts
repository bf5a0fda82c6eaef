import type { BoardState } from '../../../src/domain/board-state';
import type { BoardOpInput } from './ops';

/**
 * Undo as compensation: the op that puts back what `op` changed, computed from the board as it was
 * just BEFORE `op`. It goes through the same queue and server as any change, so everyone else sees an
 * ordinary event, and the server refuses it like any other op when the board moved on in a way that
 * makes it impossible (the card was deleted meanwhile). Shared by the planners of undo.ts and
 * undo-card-model.ts, which undo.ts reads.
 */
export type UndoPlan =
  /** Can be taken back by sending `inverse`. */
  | { readonly type: 'undoable'; readonly label: string; readonly inverse: BoardOpInput }
  /** Done for good (a delete, confirmed beforehand): said, but not undoable. */
  | { readonly type: 'final'; readonly label: string }
  /** Nothing to offer or say (a comment; an op on something this board does not hold). */
  | { readonly type: 'none' };

export type OpOf<K extends BoardOpInput['kind']> = Extract<BoardOpInput, { kind: K }>;

/** Plans the undo of one kind of op from the board just before it. */
export type Planner<K extends BoardOpInput['kind']> = (before: BoardState, op: OpOf<K>) => UndoPlan;

export const NONE: UndoPlan = { type: 'none' };

export const undoable = (label: string, inverse: BoardOpInput): UndoPlan => ({ type: 'undoable', label, inverse });
