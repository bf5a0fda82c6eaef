import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createRealtime, DEFAULT_CONNECTION_SETTINGS, type Realtime, type RealtimeOptions } from './realtime-server';
import { fromWs } from './socket';
import { TickBatch } from './tick-batch';

export interface GatewayOptions extends RealtimeOptions {
  /** Origins (scheme://host[:port]) besides the server's own whose pages may open sockets. */
  readonly allowedOrigins: readonly string[];
  /** Where the gateway listens (default `/ws`). */
  readonly path?: string;
}

export type Gateway = Pick<
  Realtime,
  'close' | 'closeUserSockets' | 'closeSessionSockets' | 'tellRole' | 'resyncTeam' | 'obey'
>;

/**
 * Whether a handshake may proceed. Browsers always send Origin, so checking it stops other sites'
 * pages from opening sockets with a user's ambient credentials; clients that are not browsers send
 * none and must still authenticate with a token like everyone else.
 */
export const originAllowed = (req: IncomingMessage, allowed: readonly string[]): boolean => {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  const own = host ? [`http://${host}`, `https://${host}`] : [];
  return [...own, ...allowed].includes(origin);
};

const refuse = (socket: Duplex, status: string): void => {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
};

/**
 * Serves the WebSocket protocol (docs/protocol.md) on `httpServer`'s upgrades to `/ws`, with the
 * Origin checked before the handshake and frames capped at 64 KiB. Other upgrade paths are left to
 * other listeners.
 */
export const attachGateway = (httpServer: Server, opts: GatewayOptions): Gateway => {
  const path = opts.path ?? '/ws';
  const maxPayload = opts.settings?.maxPayloadBytes ?? DEFAULT_CONNECTION_SETTINGS.maxPayloadBytes;
  const realtime = createRealtime(opts);
  // Without compression every frame goes out as ws is handed it, so corking the connection batches it.
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false });
  const batch = new TickBatch();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://gateway').pathname !== path) return;
    if (!originAllowed(req, opts.allowedOrigins)) {
      opts.logger.warn({ origin: req.headers.origin }, 'ws handshake refused: origin not allowed');
      return refuse(socket, '403 Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws reports oversized or malformed frames as errors and closes the socket itself (1009, 1002).
      ws.on('error', (err) => opts.logger.info({ err: err.message }, 'ws protocol error'));
      realtime.accept(fromWs(ws, socket, batch));
    });
  };
  httpServer.on('upgrade', onUpgrade);

  return {
    closeUserSockets: realtime.closeUserSockets,
    closeSessionSockets: realtime.closeSessionSockets,
    tellRole: realtime.tellRole,
    resyncTeam: realtime.resyncTeam,
    obey: realtime.obey,
    close: async () => {
      httpServer.off('upgrade', onUpgrade);
      await realtime.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};
