import * as E from 'fp-ts/Either';
import { BoardDraft, type BoardState } from '../../../src/domain/board-state';
import type { BoardEventRecord } from '../../../src/domain/events';
import { opSubject, provisionalEvent, type BoardOpInput } from './ops';

/** A mutation the server has not confirmed yet. `ackSeq` is set once the server accepted it. */
export interface PendingMutation {
  readonly mid: string;
  readonly op: BoardOpInput;
  /** When the user made it (the provisional event's timestamp). */
  readonly at: string;
  readonly ackSeq?: number;
}

/** Who is editing: the actor's user id and this browser's client id (the dedupe scope of `mid`). */
export interface Editor {
  readonly actor: string;
  readonly clientId: string;
}

/**
 * The board as the user sees it: the server-confirmed state with every pending mutation replayed on
 * top, in order. Replaying (rather than patching) is what rebases local edits over incoming server
 * events; a pending mutation that no longer applies (its card was deleted meanwhile) is skipped here and
 * the server's nack explains it.
 */
export const rebase = (confirmed: BoardState, pending: readonly PendingMutation[], editor: Editor): BoardState => {
  // One draft for the whole replay: the card map is copied once, not once per pending mutation.
  const draft = new BoardDraft(confirmed);
  let applied = false;
  for (const m of pending) {
    const view = draft.view();
    const decided = provisionalEvent(view, m.op, { actor: editor.actor, at: m.at });
    if (E.isLeft(decided)) continue;
    const record = {
      ...decided.right,
      teamId: view.board.teamId,
      boardId: view.board.id,
      seq: view.seq + 1,
      actor: editor.actor,
      origin: { clientId: editor.clientId, mid: m.mid },
      at: m.at,
    } as BoardEventRecord;
    applied = draft.apply(record) || applied;
  }
  return applied ? draft.done() : confirmed;
};

/** Ids of the lists and cards a pending mutation touches, so the UI can mark them as saving. */
export const pendingIds = (pending: readonly PendingMutation[]): ReadonlySet<string> => {
  const ids = new Set<string>();
  for (const { op } of pending) {
    const id = opSubject(op);
    if (id !== undefined) ids.add(id);
  }
  return ids;
};
