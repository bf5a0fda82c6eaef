import type { BoardState } from '../../../src/domain/board-state';
import * as t from 'io-ts';
import { BoardCodec, CardCodec, ListCodec } from '../../../src/domain/entity-codecs';
import { decodeEventRecord } from '../../../src/domain/event-record';
import type { BoardEventRecord } from '../../../src/domain/events';
import { ROLES, type Role } from '../../../src/domain/roles';
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
  /** The user's role in a team changed while connected. */
  readonly onMembership?: (teamId: string, role: Role) => void;
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
}

type Frame = { type: string } & Record<string, unknown>;

/** The board a `snapshot` frame carries: lists and cards in display order. */
const SnapshotFrame = t.type({
  board: BoardCodec,
  lists: t.readonlyArray(ListCodec),
  cards: t.readonlyArray(CardCodec),
  seq: t.number,
});

/** A snapshot frame decoded into a state; one that does not decode is dropped like any unreadable frame. */
const receiveSnapshot = (f: Frame, onSnapshot: (state: BoardState) => void): void => {
  const decoded = SnapshotFrame.decode(f);
  if (decoded._tag === 'Right') onSnapshot(toBoardState(decoded.right));
};

/**
 * An event frame decoded (and upcast from an older schema version) into a record. A frame that does
 * not decode is never applied: it is dropped, and the gap it leaves is noticed by seq and read over REST.
 */
const receiveEvent = (f: Frame, onEvent: (ev: BoardEventRecord) => void): void => {
  const decoded = decodeEventRecord(f);
  if (decoded._tag === 'Right') onEvent(decoded.right);
};

/**
 * The board's live event stream over /ws (docs/protocol.md): auth, subscribe from the last confirmed
 * seq, then events. Reconnects with backoff; the caller polls the REST event log while it is down.
 */
export const connectLive = (opts: LiveOptions): LiveFeed => {
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const onFrame = (f: Frame) => {
    if (f.boardId !== undefined && f.boardId !== opts.boardId) return;
    switch (f.type) {
      case 'ready': {
        const lastSeq = opts.lastSeq();
        ws?.send(
          JSON.stringify({
            type: 'subscribe',
            teamId: opts.teamId,
            boardId: opts.boardId,
            ...(lastSeq !== null && { lastSeq }),
          }),
        );
        return;
      }
      case 'subscribed':
        attempt = 0;
        return opts.onStatus(true);
      case 'snapshot':
        return receiveSnapshot(f, opts.onSnapshot);
      case 'event':
        return receiveEvent(f, opts.onEvent);
      case 'resync':
        return opts.onResync();
      case 'membership':
        if (typeof f.teamId === 'string' && ROLES.includes(f.role as Role))
          opts.onMembership?.(f.teamId, f.role as Role);
        return;
      case 'error': {
        const code = (f.error as { code?: unknown } | undefined)?.code;
        if (f.boardId === opts.boardId && typeof code === 'string' && NO_ACCESS.has(code)) opts.onAccessLost?.();
        return;
      }
    }
  };

  const connect = () => {
    const token = opts.token();
    if (stopped || token === null) return schedule();
    const socket = new WebSocket(opts.url);
    ws = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: opts.token() ?? token }));
    socket.onmessage = (msg) => {
      try {
        onFrame(JSON.parse(String(msg.data)) as Frame);
      } catch {
        // A frame we cannot read is ignored; gaps it leaves are detected by seq.
      }
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      ws = null;
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
    reconnect: () => {
      attempt = 0;
      const old = ws;
      ws = null;
      old?.close();
      clearTimeout(timer);
      connect();
    },
  };
};
