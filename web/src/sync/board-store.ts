import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoardState } from '../../../src/domain/board-state';
import { BoardDraft } from '../../../src/domain/board-state';
import type { BoardEventRecord } from '../../../src/domain/events';
import { newId } from './ids';
import { upgradeStoredOp, type BoardOpInput } from './ops';
import { rebase, type Editor, type PendingMutation } from './pending';
import { forgetBoard, loadBoard, saveConfirmed, savePending, type BoardScope, type KeyValueStorage } from './storage';

export type Connection = 'connecting' | 'online' | 'offline';
/** Whether this user may open the board: unknown until the server answers, denied when it says not found. */
export type Access = 'unknown' | 'granted' | 'denied';

export interface BoardSyncState {
  /** The board as the server last confirmed it (only ever advanced by server events, in seq order). */
  readonly confirmed: BoardState | null;
  /** Mutations not yet confirmed, oldest first; the order they are sent in. */
  readonly pending: readonly PendingMutation[];
  /** `confirmed` with `pending` replayed on top: what the user sees. */
  readonly view: BoardState | null;
  readonly connection: Connection;
  /** A message the user must see, e.g. why a change was undone. */
  readonly notice: string | null;
  readonly access: Access;
  /** The last mutation the server refused (undo uses it to say which of its own changes failed). */
  readonly refused: { readonly mid: string; readonly message: string } | null;
}

export interface BoardSyncActions {
  /** Replaces the confirmed state (first load or resync); pending mutations are kept and rebased. */
  readonly loadSnapshot: (state: BoardState) => void;
  /** Applies server events in seq order; answers 'gap' when an event is missing (fetch from the last seq). */
  readonly receive: (events: readonly BoardEventRecord[]) => 'ok' | 'gap';
  /** Applies a mutation optimistically and queues it; returns its mutation id. */
  readonly mutate: (op: BoardOpInput) => string;
  /** The server accepted `mid` as event `seq`; it stays shown until the confirmed state reaches `seq`. */
  readonly ack: (mid: string, seq: number) => void;
  /** The server refused `mid`: roll it back and tell the user why. */
  readonly nack: (mid: string, error: { code: string; message: string }) => void;
  readonly setConnection: (c: Connection) => void;
  readonly dismissNotice: () => void;
  /** The server says the board is not there for this user: drop the local copy and show no board. */
  readonly deny: () => void;
  /** Writes a throttled copy that is still due (the page is being hidden or unloaded). */
  readonly persistNow: () => void;
  /** The board was closed (page left, logout): write what is due now, then nothing more. */
  readonly dispose: () => void;
}

export type BoardSyncStore = StoreApi<BoardSyncState & BoardSyncActions>;

export interface BoardStoreOptions {
  readonly boardId: string;
  /** The board's team; part of the storage key (optional only for stores that are never persisted). */
  readonly teamId?: string;
  /** The user editing; `editor.actor` also names whose copy of the board is read and written. */
  readonly editor: Editor;
  readonly storage: KeyValueStorage;
  readonly now?: () => string;
  /** Least milliseconds between writes of the (possibly large) confirmed state; 0 writes every change. */
  readonly persistDelayMs?: number;
}

/** Drops pending mutations the confirmed state already contains (by their ack seq or their event's origin). */
const settle = (confirmed: BoardState, pending: readonly PendingMutation[], seenMids: ReadonlySet<string>) =>
  pending.filter((m) => !seenMids.has(m.mid) && !(m.ackSeq !== undefined && m.ackSeq <= confirmed.seq));

/** The per-board client store: reducer-driven, optimistic, persisted for offline use. */
export const createBoardStore = (opts: BoardStoreOptions): BoardSyncStore => {
  const now = opts.now ?? (() => new Date().toISOString());
  const scope: BoardScope = { userId: opts.editor.actor, teamId: opts.teamId ?? '', boardId: opts.boardId };
  const loaded = loadBoard(opts.storage, scope);
  // A queue saved by an older version of the app may spell its ops the old way; send them as today's.
  const restored = { ...loaded, pending: loaded.pending.map((m) => ({ ...m, op: upgradeStoredOp(m.op) })) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let dirty = false;
  let lastWrite = -Infinity;

  const writeNow = () => {
    clearTimeout(timer);
    timer = undefined;
    const { confirmed, access } = store.getState();
    if (!dirty || disposed || confirmed === null || access === 'denied') return;
    dirty = false;
    lastWrite = Date.now();
    saveConfirmed(opts.storage, scope, confirmed);
  };

  // Throttled, not debounced: the first state after a quiet spell is written at once (a reload right
  // after opening still finds the board), later ones at most once per `persistDelayMs`.
  const persistConfirmed = (confirmed: BoardState | null) => {
    if (confirmed === null || disposed) return;
    dirty = true;
    const wait = lastWrite + (opts.persistDelayMs ?? 0) - Date.now();
    if (wait <= 0) return writeNow();
    timer ??= setTimeout(writeNow, wait);
  };

  const commit = (
    confirmed: BoardState | null,
    pending: readonly PendingMutation[],
    extra: Partial<BoardSyncState> = {},
  ) => {
    const prev = store.getState();
    const view = confirmed === null ? null : rebase(confirmed, pending, opts.editor);
    store.setState({ confirmed, pending, view, ...extra });
    if (pending !== prev.pending && !disposed) savePending(opts.storage, scope, pending);
    if (confirmed !== prev.confirmed) persistConfirmed(confirmed);
  };

  const store: BoardSyncStore = createStore<BoardSyncState & BoardSyncActions>()(() => ({
    confirmed: restored.confirmed,
    pending: restored.pending,
    view: restored.confirmed === null ? null : rebase(restored.confirmed, restored.pending, opts.editor),
    connection: 'connecting',
    notice: null,
    access: 'unknown',
    refused: null,

    loadSnapshot: (state) => {
      commit(state, settle(state, store.getState().pending, new Set()), { access: 'granted' });
    },

    receive: (events) => {
      const { confirmed, pending } = store.getState();
      if (confirmed === null) return 'gap';
      // One draft for the whole delivery: the card map is copied once, not once per event.
      const draft = new BoardDraft(confirmed);
      let applied = false;
      const seen = new Set<string>();
      let result: 'ok' | 'gap' = 'ok';
      for (const ev of [...events].sort((a, b) => a.seq - b.seq)) {
        const seq = draft.view().seq;
        if (ev.seq <= seq) continue;
        if (ev.seq > seq + 1) {
          result = 'gap';
          break;
        }
        applied = draft.apply(ev) || applied;
        // Mutation ids are random UUIDs, so the mid alone names our mutation whichever path (REST or WS) sent it.
        if (ev.origin) seen.add(ev.origin.mid);
      }
      const next = applied ? draft.done() : confirmed;
      if (next !== confirmed) commit(next, settle(next, pending, seen));
      if (store.getState().access !== 'granted') store.setState({ access: 'granted' });
      return result;
    },

    mutate: (op) => {
      const mid = newId();
      const { confirmed, pending } = store.getState();
      commit(confirmed, [...pending, { mid, op, at: now() }]);
      return mid;
    },

    ack: (mid, seq) => {
      const { confirmed, pending } = store.getState();
      const acked = pending.map((m) => (m.mid === mid ? { ...m, ackSeq: seq } : m));
      commit(confirmed, confirmed === null ? acked : settle(confirmed, acked, new Set()));
    },

    nack: (mid, error) => {
      const { confirmed, pending } = store.getState();
      if (!pending.some((m) => m.mid === mid)) return;
      commit(
        confirmed,
        pending.filter((m) => m.mid !== mid),
        {
          notice: `Your change could not be saved and was undone: ${error.message}`,
          refused: { mid, message: error.message },
        },
      );
    },

    setConnection: (connection) => store.setState({ connection }),
    dismissNotice: () => store.setState({ notice: null }),

    deny: () => {
      clearTimeout(timer);
      dirty = false;
      forgetBoard(opts.storage, scope);
      store.setState({ confirmed: null, pending: [], view: null, access: 'denied' });
    },

    persistNow: writeNow,

    dispose: () => {
      writeNow();
      disposed = true;
    },
  }));
  return store;
};
