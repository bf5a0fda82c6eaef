import { connectLive, type LiveOptions } from '../../web/src/sync/live';
import { BOARD, TEAM } from './fixtures';

/** A stand-in for the browser's WebSocket whose frames and close the test drives by hand. */
export class FakeSocket {
  static last: FakeSocket | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((msg: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  /** What the page sent, as sent. */
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.onclose?.({ code: 1000 });
  }
  /** Delivers raw text, as the server would send it. */
  text(data: string) {
    this.onmessage?.({ data });
  }
  /** Delivers a frame as JSON. */
  frame(f: object) {
    this.text(JSON.stringify(f));
  }
}

/** Makes `new WebSocket(…)` in the code under test a `FakeSocket`. */
export const installFakeSocket = (): void => {
  (globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket;
};

/**
 * Connects a live feed to the fixture board on a new `FakeSocket` and opens it. Handlers not given do
 * nothing; the feed resumes from seq 3 unless `lastSeq` says otherwise.
 */
export const openLiveFeed = (options: Partial<LiveOptions> = {}) => {
  const feed = connectLive({
    url: 'ws://test/ws',
    teamId: TEAM,
    boardId: BOARD,
    token: () => 'token',
    lastSeq: () => 3,
    onEvent: () => undefined,
    onSnapshot: () => undefined,
    onResync: () => undefined,
    onStatus: () => undefined,
    ...options,
  });
  const socket = FakeSocket.last!;
  socket.onopen?.();
  return { feed, socket };
};
