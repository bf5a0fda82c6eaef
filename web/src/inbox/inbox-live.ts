import type { Notification } from '../../../src/domain/notification';
import * as E from 'fp-ts/Either';
import { encodeClientFrame } from '../../../src/domain/wire-client';
import { decodeServerFrame, type NotificationsReadFrame } from '../../../src/domain/wire-server';

/** Close code of a socket whose token expired or whose session ended (docs/protocol.md). */
const UNAUTHENTICATED = 4401;

export interface InboxLiveOptions {
  readonly url: string;
  readonly token: () => string | null;
  /** Gets a fresh access token after the server refused the old one; false: signed out. */
  readonly refresh: () => Promise<boolean>;
  readonly onNotification: (n: Notification) => void;
  /** Notifications were marked read in another tab of the person (or this one). */
  readonly onRead: (frame: NotificationsReadFrame) => void;
  /** The socket is (again) authenticated: what came while it was down is read over REST. */
  readonly onReady: () => void;
}

/**
 * One socket per tab, authenticated and subscribed to no board, for the inbox: the server pushes the
 * user's notifications to every socket of theirs (SPEC-15). Board pages keep their own socket.
 */
export const connectInbox = (opts: InboxLiveOptions): (() => void) => {
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempt++));
  };
  const connect = () => {
    const token = opts.token();
    if (stopped || token === null) return schedule();
    const socket = new WebSocket(opts.url);
    ws = socket;
    socket.onopen = () => socket.send(encodeClientFrame({ type: 'auth', token }));
    socket.onmessage = (msg) => {
      // Decoded with the shared wire codecs; a frame that does not decode is never shown.
      const frame = decodeServerFrame(String(msg.data));
      if (E.isLeft(frame)) return;
      if (frame.right.type === 'notification') return opts.onNotification(frame.right.notification);
      if (frame.right.type === 'notifications.read') return opts.onRead(frame.right);
      if (frame.right.type !== 'ready') return;
      attempt = 0;
      opts.onReady();
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      ws = null;
      if (ev.code !== UNAUTHENTICATED) return schedule();
      opts.refresh().then(
        (ok) => ok && schedule(),
        () => schedule(),
      );
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    ws?.close();
  };
};
