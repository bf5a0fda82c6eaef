import * as E from 'fp-ts/Either';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoardSyncStore } from './board-store';
import { provisionalEvent, type BoardOpInput } from './ops';
import { planUndo, pushUndo, UNDO_LIMIT, type UndoEntry } from './undo';

/** What the toast says after a change: its name, and whether "Undo" is offered. */
export interface UndoNotice {
  /** Changes with every notice, so the same text said twice is still shown (and announced) again. */
  readonly id: number;
  readonly text: string;
  readonly canUndo: boolean;
  readonly tone: 'info' | 'error';
}

export interface UndoHistoryState {
  /** This tab's undoable changes on this board, oldest first. */
  readonly entries: readonly UndoEntry[];
  readonly notice: UndoNotice | null;
}

export interface UndoHistory {
  readonly state: StoreApi<UndoHistoryState>;
  /** Takes back the latest undoable change (a no-op, said so, when there is none). */
  readonly undo: () => void;
  /** Shows (and announces) a message in the toast, e.g. what a keyboard shortcut did. */
  readonly say: (text: string, tone?: UndoNotice['tone']) => void;
  readonly dismiss: () => void;
  /** Stops listening to the board (it was closed or another one opened). */
  readonly stop: () => void;
}

/**
 * Records the undoable changes this tab makes on one board, by watching its store: every new pending
 * mutation was applied to the view just before it, so the compensating op is planned from that view.
 * Nothing else has to route its changes through here, and the history is dropped with the board.
 */
export const createUndoHistory = (board: BoardSyncStore, limit = UNDO_LIMIT): UndoHistory => {
  const state = createStore<UndoHistoryState>()(() => ({ entries: [], notice: null }));
  let noticeId = 0;
  const say = (text: string, tone: UndoNotice['tone'] = 'info', canUndo = false) =>
    state.setState({ notice: { id: ++noticeId, text, canUndo, tone } });
  // The compensating ops in flight, by mid, with what they undo (to name it if the server refuses).
  const compensations = new Map<string, string>();
  let undoing: string | null = null;

  const recorded = (mid: string, op: BoardOpInput, before: Parameters<typeof planUndo>[0]) => {
    if (undoing !== null) {
      compensations.set(mid, undoing);
      return;
    }
    const plan = planUndo(before, op);
    if (plan.type === 'none') return;
    if (plan.type === 'final') return say(plan.label);
    state.setState((s) => ({ entries: pushUndo(s.entries, { mid, label: plan.label, inverse: plan.inverse }, limit) }));
    say(plan.label, 'info', true);
  };

  const refused = (mid: string, message: string) => {
    const undid = compensations.get(mid);
    if (undid !== undefined) {
      compensations.delete(mid);
      board.getState().dismissNotice();
      return say(`Couldn't undo (${undid.toLowerCase()}): ${message}`, 'error');
    }
    // A change the server refused was rolled back already: there is nothing left to undo.
    state.setState((s) => ({ entries: s.entries.filter((e) => e.mid !== mid) }));
  };

  const unsubscribe = board.subscribe((s, prev) => {
    if (s.pending.length > prev.pending.length && prev.view !== null) {
      const known = new Set(prev.pending.map((m) => m.mid));
      for (const m of s.pending) if (!known.has(m.mid)) recorded(m.mid, m.op, prev.view);
    }
    if (s.refused !== prev.refused && s.refused !== null) refused(s.refused.mid, s.refused.message);
  });

  const undo = () => {
    const entry = state.getState().entries.at(-1);
    if (!entry) return say('Nothing to undo');
    state.setState((s) => ({ entries: s.entries.slice(0, -1) }));
    const view = board.getState().view;
    // Refused here already (the card is gone, the board archived): say so instead of queueing a sure refusal.
    const check = view === null ? null : provisionalEvent(view, entry.inverse, { actor: '', at: '' });
    if (check !== null && E.isLeft(check))
      return say(`Couldn't undo (${entry.label.toLowerCase()}): ${check.left.message}`, 'error');
    undoing = entry.label;
    try {
      board.getState().mutate(entry.inverse);
    } finally {
      undoing = null;
    }
    say(`Undone: ${entry.label.toLowerCase()}`);
  };

  return {
    state,
    undo,
    say: (text, tone = 'info') => say(text, tone),
    dismiss: () => state.setState({ notice: null }),
    stop: unsubscribe,
  };
};
