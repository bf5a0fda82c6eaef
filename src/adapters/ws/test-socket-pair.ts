import type { WebSocketMinimal } from './socket';

/** How a socket of the pair ended. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  /** True when the server dropped the socket without a handshake. */
  readonly terminated: boolean;
}

/**
 * Both ends of a WebSocket in memory, for deterministic real-time tests: frames wait in a queue in
 * each direction until the test flushes them, and the server side's `bufferedAmount` is the size of
 * what the client has not read yet, so a test can play a slow consumer by not flushing.
 */
export class TestSocketPair {
  /** Frames the client sent that the server has not received yet. */
  readonly toServer: string[] = [];
  /** Frames the server sent that the client has not read yet. */
  readonly toClient: string[] = [];
  /** Every frame the client has read, parsed, in order. */
  readonly received: unknown[] = [];
  closed: CloseInfo | null = null;
  /** Whether the client answers pings (a dead peer does not). */
  answerPings = true;
  pings = 0;

  private messageHandler: (data: string) => void = () => undefined;
  private closeHandlers: ((code: number, reason: string) => void)[] = [];
  private pongHandler: () => void = () => undefined;

  /** The end the gateway holds. */
  readonly server: WebSocketMinimal = this.serverEnd();

  /** Queues a frame from the client: an object is sent as JSON, a string as it is. */
  clientSend(frame: unknown): void {
    this.toServer.push(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Delivers every queued client frame to the server. */
  flushToServer(): void {
    while (this.toServer.length > 0 && this.closed === null) this.messageHandler(this.toServer.shift() as string);
  }

  /** Sends and delivers a frame at once. */
  send(frame: unknown): void {
    this.clientSend(frame);
    this.flushToServer();
  }

  /** Lets the client read every frame the server queued; returns them parsed. */
  flushToClient(): unknown[] {
    const frames = this.toClient.splice(0).map((f) => JSON.parse(f) as unknown);
    this.received.push(...frames);
    return frames;
  }

  /** The client hangs up. */
  clientClose(code = 1000, reason = ''): void {
    this.end({ code, reason, terminated: false });
  }

  private serverEnd(): WebSocketMinimal {
    // Arrow functions keep the pair in scope inside the getters below.
    const buffered = () => this.toClient.reduce((n, frame) => n + Buffer.byteLength(frame), 0);
    const open = () => this.closed === null;
    return {
      send: (data) => {
        if (this.closed === null) this.toClient.push(typeof data === 'string' ? data : data.toString('utf8'));
      },
      close: (code, reason) => this.end({ code, reason, terminated: false }),
      terminate: () => this.end({ code: 1006, reason: '', terminated: true }),
      ping: () => {
        if (this.closed !== null) return;
        this.pings += 1;
        if (this.answerPings) this.pongHandler();
      },
      get bufferedAmount() {
        return buffered();
      },
      get isOpen() {
        return open();
      },
      onMessage: (handler) => {
        this.messageHandler = handler;
      },
      onClose: (handler) => {
        this.closeHandlers.push(handler);
      },
      onPong: (handler) => {
        this.pongHandler = handler;
      },
    };
  }

  private end(info: CloseInfo): void {
    if (this.closed !== null) return;
    this.closed = info;
    for (const handler of this.closeHandlers) handler(info.code, info.reason);
  }
}
