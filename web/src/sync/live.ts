import * as E from 'fp-ts/Either';
import type { BoardState } from '../../../src/domain/board-state';
import type { BoardEventRecord } from '../../../src/domain/events';
import type { PresenceViewer } from '../../../src/domain/presence';
import type { Role } from '../../../src/domain/roles';
import { encodeClientFrame, type ClientFrameOutput } from '../../../src/domain/wire-client';
import type { WireProblem } from '../../../src/domain/wire';
import { decodeServerFrame, type ServerFrame } from '../../../src/domain/wire-server';
import { toBoardState } from './transport';

/** Close code of a socket whose user lost access to a team it watched (docs/protocol.md). */
const REVOKED = 4403;
/** Subscription errors that mean "this board is not yours to read", as opposed to a passing failure. */
const NO_ACCESS = new Set(['not_found', 'forbidden', 'insufficient_role']);

export interface LiveHandlers {
  readonly onEvent: (ev: BoardEventRecord) => void;
  readonly onSnapshot: (state: BoardState) => void;
  /** The server asks for a fresh start (slow consumer, team moved): resume from the last seq. */
  readonly onResync: () => void;
  readonly onStatus: (up: boolean) => void;
  /** The server took access away (close 4403) or refused the subscription: check what is left. */
  readonly onAccessLost?: () => void;
  /** The board was deleted for good (an `error` frame `board_deleted`): nothing more will come. */
  readonly onBoardDeleted?: () => void;
  /** The user's role in a team changed while connected. */
  readonly onMembership?: (teamId: string, role: Role) => void;
  /** A frame was dropped because it does not decode (by default a console warning). */
  readonly onBadFrame?: (problem: WireProblem) => void;
  /** Who is on the board (everyone, this user included); empty while the socket is down. Given: presence is announced. */
  readonly onPresence?: (viewers: readonly PresenceViewer[]) => void;
}

export interface LiveOptions extends LiveHandlers {
  readonly url: string;
  readonly teamId: string;
  readonly boardId: string;
  readonly token: () => string | null;
  readonly lastSeq: () => number | null;
}

export interface LiveFeed {
  readonly stop: () => void;
  /** Drops the socket now and reconnects (e.g. after the browser says it is back online). */
  readonly reconnect: () => void;
  /** Tells the others which card's dialog is open here (null: none); said again after every reconnect. */
  readonly setEditing: (cardId: string | null) => void;
}

/** The board a frame is about, if it is about one. */
const boardOf = (f: ServerFrame): string | undefined =>
  f.type === 'event' ? f.event.boardId : 'boardId' in f ? f.boardId : undefined;

/**
 * A frame the server sent, decoded with the shared wire codecs (an event frame upcast from its schema
 * version). One that does not decode is never trusted: it is dropped and reported, and a gap it leaves
 * is noticed by seq and read over REST. A frame type this build does not know is ignored (the protocol
 * may add types).
 */
const receive = (data: unknown, onBadFrame: (problem: WireProblem) => void): ServerFrame | null => {
  const decoded = decodeServerFrame(String(data));
  if (E.isRight(decoded)) return decoded.right;
  if (decoded.left.code !== 'unknown_type') onBadFrame(decoded.left);
  return null;
};

const warnBadFrame = (problem: WireProblem) =>
  // The browser has no logger; a frame the server should never send is worth a line in the console.
  // eslint-disable-next-line no-console
  console.warn('live feed: dropped a server frame that does not decode', problem);

/** How long after a `resync` the feed subscribes again. */
export const RESUBSCRIBE_AFTER_MS = 500;

/** A frame the client sends, spelled by the shared wire types. */
const send = (ws: WebSocket | null, frame: ClientFrameOutput) => ws?.send(encodeClientFrame(frame));

/**
 * The board's live event stream over /ws (docs/protocol.md): auth, subscribe from the last confirmed
 * seq, then events. Reconnects with backoff; the caller polls the REST event log while it is down.
 */
export const connectLive = (opts: LiveOptions): LiveFeed => {
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let editing: string | null = null;
  let subscribed = false;
  const announce = () => {
    if (opts.onPresence && subscribed)
      send(ws, { type: 'presence', teamId: opts.teamId, boardId: opts.boardId, editing });
  };

  const subscribe = () => {
    const lastSeq = opts.lastSeq();
    send(ws, { type: 'subscribe', teamId: opts.teamId, boardId: opts.boardId, ...(lastSeq !== null && { lastSeq }) });
  };

  const onFrame = (f: ServerFrame) => {
    const boardId = boardOf(f);
    if (boardId !== undefined && boardId !== opts.boardId) return;
    switch (f.type) {
      case 'ready':
        return subscribe();
      case 'subscribed':
        attempt = 0;
        subscribed = true;
        announce();
        return opts.onStatus(true);
      case 'presence':
        return opts.onPresence?.(f.viewers);
      case 'snapshot':
        return opts.onSnapshot(toBoardState(f));
      case 'event':
        return opts.onEvent(f.event);
      case 'resync': {
        // The server stopped this board's live frames; catch up, then ask for them again from lastSeq
        // (after a pause: a socket still too slow is answered with another resync).
        subscribed = false;
        const socket = ws;
        setTimeout(() => {
          if (!stopped && ws === socket) subscribe();
        }, RESUBSCRIBE_AFTER_MS);
        return opts.onResync();
      }
      case 'membership':
        return opts.onMembership?.(f.teamId, f.role);
      case 'error':
        if (f.boardId !== opts.boardId) return;
        if (f.error.code === 'board_deleted') opts.onBoardDeleted?.();
        else if (NO_ACCESS.has(f.error.code)) opts.onAccessLost?.();
        return;
    }
  };

  const connect = () => {
    const token = opts.token();
    if (stopped || token === null) return schedule();
    const socket = new WebSocket(opts.url);
    ws = socket;
    socket.onopen = () => send(socket, { type: 'auth', token: opts.token() ?? token });
    socket.onmessage = (msg) => {
      const frame = receive(msg.data, opts.onBadFrame ?? warnBadFrame);
      if (frame !== null) onFrame(frame);
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      ws = null;
      subscribed = false;
      opts.onPresence?.([]);
      opts.onStatus(false);
      if (ev.code === REVOKED) opts.onAccessLost?.();
      schedule();
    };
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    const delay = Math.min(10_000, 500 * 2 ** attempt++);
    timer = setTimeout(connect, delay);
  };

  connect();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      ws?.close();
    },
    setEditing: (cardId) => {
      if (cardId === editing) return;
      editing = cardId;
      announce();
    },
    reconnect: () => {
      attempt = 0;
      subscribed = false;
      const old = ws;
      ws = null;
      old?.close();
      clearTimeout(timer);
      connect();
    },
  };
};
