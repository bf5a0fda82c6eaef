import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { attachGateway, type Gateway } from '../../../src/adapters/ws/gateway';
import { sessionVerifier } from '../../../src/adapters/ws/session';
import { quickApp } from '../application/fixtures';
import { silentLogger } from './realtime-fixture';

let server: Server;
let gateway: Gateway;
let port: number;

beforeEach(async () => {
  const memory = quickApp();
  server = createServer((_req, res) => res.writeHead(404).end());
  gateway = attachGateway(server, {
    application: memory.app,
    verifySession: sessionVerifier(memory.app, memory.deps.accessTokens, memory.clock),
    subscriber: memory.deps.events,
    allowedOrigins: ['https://board.example.com'],
    logger: silentLogger,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  await gateway.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Opens a socket; resolves with the handshake's HTTP status when it is refused, or the open socket. */
const open = (origin?: string) =>
  new Promise<{ status: number } | { ws: WebSocket }>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, origin ? { origin } : {});
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => undefined);
  });

const closeOf = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('the WebSocket gateway', () => {
  it('a page from an origin that is not allowed is refused with 403 before the handshake', async () => {
    expect(await open('https://evil.example.net')).toEqual({ status: 403 });
  });

  it('an allowed origin, the server itself and clients without an Origin may open a socket', async () => {
    for (const origin of ['https://board.example.com', `http://127.0.0.1:${port}`, undefined]) {
      const result = await open(origin);
      expect('ws' in result).toBe(true);
      if ('ws' in result) result.ws.close();
    }
  });

  it('a frame over 64 KiB closes the socket with 1009', async () => {
    const result = await open();
    if (!('ws' in result)) throw new Error('handshake refused');
    const closed = closeOf(result.ws);
    result.ws.send(JSON.stringify({ type: 'auth', token: 'x'.repeat(70 * 1024) }));
    expect(await closed).toBe(1009);
  });

  it('a socket that authenticates with a forged token is closed with 4401', async () => {
    const result = await open();
    if (!('ws' in result)) throw new Error('handshake refused');
    const closed = closeOf(result.ws);
    result.ws.send(JSON.stringify({ type: 'auth', token: 'forged' }));
    expect(await closed).toBe(4401);
  });
});
