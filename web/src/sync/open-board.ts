import type { Role } from '../../../src/domain/roles';
import type { ApiClient } from '../api/client';
import { createPresenceStore, type PresenceStore } from '../presence/presence-store';
import { createBoardStore, type BoardSyncStore } from './board-store';
import { SyncEngine } from './engine';
import { connectLive, type LiveFeed } from './live';
import type { KeyValueStorage } from './storage';
import { restTransport } from './transport';

export interface OpenBoardOptions {
  readonly api: ApiClient;
  readonly teamId: string;
  readonly boardId: string;
  readonly userId: string;
  readonly storage: KeyValueStorage;
  /** ws:// or wss:// URL of the gateway. */
  readonly wsUrl: string;
  /** How often to read the event log while the live socket is down. */
  readonly pollMs?: number;
  /** Access to the team changed (removed or role changed, close 4403): re-read the user's teams. */
  readonly onAccessLost?: () => void;
  /** Someone deleted the board while it was open: its copy on this device is forgotten first. */
  readonly onBoardDeleted?: () => void;
  /** The server pushed the user's new role in a team. */
  readonly onMembership?: (teamId: string, role: Role) => void;
}

export interface OpenBoard {
  readonly teamId: string;
  readonly boardId: string;
  readonly userId: string;
  readonly store: BoardSyncStore;
  readonly engine: SyncEngine;
  /** Who else has the board open, and the way to say which card's dialog is open here. */
  readonly presence: PresenceStore;
  readonly setEditing: (cardId: string | null) => void;
  readonly close: () => void;
}

const opened = new Set<OpenBoard>();

/** The boards open in this page now; "sync before logout" flushes them through their own engines. */
export const openBoards = (): readonly OpenBoard[] => [...opened];

/**
 * One open board: the store, the engine that sends its mutations and the live feed that brings
 * everyone else's. While the socket is down the event log is polled, so the board keeps converging.
 */
export const openBoard = (o: OpenBoardOptions): OpenBoard => {
  // REST mutations are deduplicated under this client id (see the Idempotency-Key middleware).
  const editor = { actor: o.userId, clientId: `http:${o.userId}` };
  const store = createBoardStore({
    teamId: o.teamId,
    boardId: o.boardId,
    editor,
    storage: o.storage,
    persistDelayMs: 500,
  });
  const engine = new SyncEngine(store, restTransport(o.api, o.teamId, o.boardId, o.userId));
  let liveUp = false;
  const presence = createPresenceStore();

  const live: LiveFeed = connectLive({
    url: o.wsUrl,
    teamId: o.teamId,
    boardId: o.boardId,
    // Only the board's owner may feed the owner's copy of it.
    token: () => (o.api.userId === o.userId ? o.api.token : null),
    lastSeq: () => store.getState().confirmed?.seq ?? null,
    onEvent: (ev) => {
      if (store.getState().receive([ev]) === 'gap') void engine.catchUp();
    },
    onSnapshot: (s) => store.getState().loadSnapshot(s),
    onResync: () => void engine.catchUp(),
    onStatus: (up) => {
      liveUp = up;
      if (up) void engine.flush();
    },
    onAccessLost: () => {
      o.onAccessLost?.();
      void engine.resync().catch(() => undefined);
    },
    onBoardDeleted: () => {
      o.onBoardDeleted?.();
      store.getState().deny();
    },
    ...(o.onMembership && { onMembership: o.onMembership }),
    onPresence: (viewers) => presence.setState({ viewers }),
  });

  const poll = setInterval(() => {
    if (!liveUp) void engine.catchUp().catch(() => undefined);
  }, o.pollMs ?? 3_000);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.access === 'denied') return board.close();
    if (s.pending.length > prev.pending.length) void engine.flush().catch(() => undefined);
  });
  const online = () => {
    engine.retryNow();
    live.reconnect();
  };
  const offline = () => store.getState().setConnection('offline');
  // A reload or a closed tab must not lose the copy the next offline start opens.
  const hidden = () => store.getState().persistNow();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  window.addEventListener('pagehide', hidden);
  void engine.start().catch(() => store.getState().setConnection('offline'));

  const board: OpenBoard = {
    teamId: o.teamId,
    boardId: o.boardId,
    userId: o.userId,
    store,
    engine,
    presence,
    setEditing: live.setEditing,
    close: () => {
      opened.delete(board);
      clearInterval(poll);
      unsubscribe();
      live.stop();
      engine.stop();
      store.getState().dispose();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      window.removeEventListener('pagehide', hidden);
    },
  };
  opened.add(board);
  return board;
};
