import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { TickBatch } from './tick-batch';

/**
 * A text frame's payload: a string, or its UTF-8 bytes when one frame goes to many sockets, so it is
 * encoded once for all of them instead of once per socket.
 */
export type FrameData = string | Buffer;

/**
 * The little of a WebSocket the gateway uses, so the socket library stays behind this line and tests
 * can drive connections through an in-memory pair.
 */
export interface WebSocketMinimal {
  /** Queues a text frame; a closed socket drops it. */
  send(data: FrameData): void;
  /** Starts the closing handshake with an application close code. */
  close(code: number, reason: string): void;
  /** Drops the connection at once, without a handshake (dead or stuck peers). */
  terminate(): void;
  /** Sends a protocol-level ping; the peer answers with a pong. */
  ping(): void;
  /** Bytes queued for sending but not yet written to the network. */
  readonly bufferedAmount: number;
  /** True until the socket starts closing. */
  readonly isOpen: boolean;
  /** Called with every text frame the peer sends (binary frames arrive decoded as UTF-8). */
  onMessage(handler: (data: string) => void): void;
  /** Called once when the socket is closed, from either side. */
  onClose(handler: (code: number, reason: string) => void): void;
  /** Called whenever the peer answers a ping. */
  onPong(handler: () => void): void;
}

const OPEN = 1;
// A Buffer payload is still a text frame (ws copies its options, so one object serves every send).
const TEXT = { binary: false };

const text = (data: RawData): string =>
  Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');

/**
 * The `ws` library's socket as a `WebSocketMinimal`. `raw` is the connection the upgrade came on (ws
 * writes every frame to it): frames are written through `batch`, so the ones a socket gets in one tick
 * leave in one write.
 */
export const fromWs = (ws: WebSocket, raw: Duplex, batch: TickBatch): WebSocketMinimal => {
  const write = batch.writer(raw, (data: FrameData) => ws.send(data, TEXT));
  return {
    send: (data) => {
      if (ws.readyState === OPEN) write(data);
    },
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ping: () => {
      if (ws.readyState === OPEN) ws.ping();
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === OPEN;
    },
    onMessage: (handler) => ws.on('message', (data) => handler(text(data))),
    onClose: (handler) => ws.once('close', (code, reason) => handler(code, reason.toString('utf8'))),
    onPong: (handler) => ws.on('pong', () => handler()),
  };
};
