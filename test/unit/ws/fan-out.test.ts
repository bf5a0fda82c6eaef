import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket from 'ws';
import { attachGateway, type Gateway } from '../../../src/adapters/ws/gateway';
import type { ConnectionSettings } from '../../../src/adapters/ws/connection';
import { Hub } from '../../../src/adapters/ws/hub';
import { promRealtimeMetrics, type RealtimeMetrics } from '../../../src/adapters/ws/metrics';
import { sessionVerifier } from '../../../src/adapters/ws/session';
import type { FrameData } from '../../../src/adapters/ws/socket';
import type { BoardEventRecord, BoardId, TeamId } from '../../../src/domain';
import type { MemoryApp } from '../../support/memory-app';
import { ok, quickApp, title } from '../application/fixtures';
import { signUpWithToken, silentLogger, type TestUser } from './realtime-fixture';

/** A gateway on a real HTTP server, the memory app behind it, and the writes made on each server-side socket. */
interface Stage {
  readonly memory: MemoryApp;
  readonly owner: TestUser;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  /** A committed event of the board, the shape of the copies the tests publish. */
  readonly template: BoardEventRecord;
  readonly port: number;
  /** Per accepted connection, the number of chunks of each write the server made on it. */
  readonly writes: number[][];
  readonly resyncs: string[];
}

const open: { server: Server; gateway: Gateway; clients: WebSocket[] }[] = [];
afterEach(async () => {
  for (const { server, gateway, clients } of open.splice(0)) {
    clients.forEach((c) => c.terminate());
    await gateway.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const stage = async (settings: Partial<ConnectionSettings> = {}): Promise<Stage> => {
  const memory = quickApp();
  const { app } = memory;
  const owner = await signUpWithToken(app, 'Alice');
  const team = await ok(app.teams.create(owner.actor, { name: title('Acme') }));
  const board = await ok(app.boards.create(owner.actor, team.id, { title: title('Roadmap') }, null));
  await ok(app.lists.create(owner.actor, team.id, board.value.id, { title: title('Todo') }, null));
  const page = await ok(app.boards.events(owner.actor, team.id, board.value.id, { after: 0, limit: 10 }));
  const template = page.events.at(-1) as BoardEventRecord;
  const writes: number[][] = [];
  const server = createServer((_req, res) => res.writeHead(404).end());
  // Counts what the server-side socket hands the kernel: one `_write` or `_writev` is one system call.
  server.on('connection', (socket: Socket & { _writev?: (chunks: unknown[], cb: () => void) => void }) => {
    const mine: number[] = [];
    writes.push(mine);
    const write = socket._write.bind(socket);
    socket._write = (chunk, encoding, cb) => {
      mine.push(1);
      write(chunk, encoding, cb);
    };
    const writev = socket._writev?.bind(socket);
    if (writev)
      socket._writev = (chunks, cb) => {
        mine.push(chunks.length);
        writev(chunks, cb);
      };
  });
  const resyncs: string[] = [];
  const metrics: RealtimeMetrics = { ...promRealtimeMetrics(), resync: (reason) => resyncs.push(reason) };
  const gateway = attachGateway(server, {
    application: app,
    verifySession: sessionVerifier(app, memory.deps.accessTokens, memory.clock),
    subscriber: memory.deps.events,
    allowedOrigins: [],
    logger: silentLogger,
    metrics,
    settings,
    now: () => memory.clock.now().getTime(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  open.push({ server, gateway, clients: [] });
  const { port } = server.address() as AddressInfo;
  return { memory, owner, teamId: team.id, boardId: board.value.id, template, port, writes, resyncs };
};

/** A client that authenticated and subscribed; `frames` holds every frame it read since, parsed. */
const subscriber = async (s: Stage) => {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`);
  open.at(-1)?.clients.push(ws);
  const frames: Record<string, unknown>[] = [];
  const waiters: { type: string; resolve: () => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    frames.push(frame);
    waiters.filter((w) => w.type === frame.type).forEach((w) => w.resolve());
  });
  const next = (type: string) => new Promise<void>((resolve) => waiters.push({ type, resolve }));
  await new Promise((resolve) => ws.once('open', resolve));
  const ready = next('ready');
  ws.send(JSON.stringify({ type: 'auth', token: s.owner.token }));
  await ready;
  const subscribed = next('subscribed');
  ws.send(JSON.stringify({ type: 'subscribe', teamId: s.teamId, boardId: s.boardId }));
  await subscribed;
  frames.splice(0);
  return { ws, frames, next };
};

/** Publishes `count` copies of the template event, with the seqs that follow it, in this very tick. */
const publishBurst = (s: Stage, from: number, count: number): number => {
  for (let seq = from + 1; seq <= from + count; seq++)
    void s.memory.deps.events.publish({ ...s.template, seq, at: new Date().toISOString() })();
  return from + count;
};

const eventSeqs = (frames: Record<string, unknown>[]) => frames.filter((f) => f.type === 'event').map((f) => f.seq);

const until = async (done: () => boolean, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!done() && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('fan-out to real sockets', () => {
  it('the event frames a socket is given in one tick leave the server in one write, in seq order', async () => {
    const s = await stage();
    const clients = [await subscriber(s), await subscriber(s)];
    await new Promise((resolve) => setImmediate(resolve));
    const before = s.writes.map((w) => w.length);
    const last = publishBurst(s, s.template.seq, 10);
    await until(() => clients.every((c) => eventSeqs(c.frames).length === 10));
    const expected = Array.from({ length: 10 }, (_, i) => s.template.seq + 1 + i);
    for (const c of clients) expect(eventSeqs(c.frames)).toEqual(expected);
    // Each socket: one write carrying the 10 frames (a header and a payload chunk each).
    expect(s.writes.map((w, i) => w.slice(before[i]))).toEqual([[20], [20]]);
    expect(last).toBe(s.template.seq + 10);
  });

  it('a burst far past the flush threshold reaches a client that reads without being taken for a slow consumer', async () => {
    // 1,500 frames of ~400 bytes in one tick: 600 KB, over twice the high-water mark if all of it waited corked.
    const s = await stage({ highWaterBytes: 256 * 1024 });
    const client = await subscriber(s);
    publishBurst(s, s.template.seq, 1500);
    await until(() => eventSeqs(client.frames).length === 1500);
    expect(s.resyncs).toEqual([]);
    expect(eventSeqs(client.frames)).toEqual(Array.from({ length: 1500 }, (_, i) => s.template.seq + 1 + i));
  });

  it('a client that stops reading is switched to resync, keeps every event it was sent in order, and hears why', async () => {
    const s = await stage({ highWaterBytes: 64 * 1024 });
    const slow = await subscriber(s);
    const reader = await subscriber(s);
    const resync = slow.next('resync');
    // The client's own socket stops reading, so the kernel's buffers fill and then the server's.
    (slow.ws as unknown as { _socket: Socket })._socket.pause();
    let seq = s.template.seq;
    for (let i = 0; i < 200 && s.resyncs.length === 0; i++) {
      seq = publishBurst(s, seq, 500);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(s.resyncs).toEqual(['slow_consumer']);
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    await resync;
    const seqs = eventSeqs(slow.frames);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual(seqs.map((_, i) => s.template.seq + 1 + i));
    expect(slow.frames.at(-1)).toMatchObject({ type: 'resync', boardId: s.boardId, reason: 'slow_consumer' });
    // The socket that reads gets everything.
    await until(() => eventSeqs(reader.frames).length === seq - s.template.seq);
    expect(eventSeqs(reader.frames).at(-1)).toBe(seq);
  });
});

describe('the hub', () => {
  it('encodes an event once and hands every local subscriber the same bytes', async () => {
    const s = await stage();
    const noMetrics: RealtimeMetrics = { ...promRealtimeMetrics(), eventFannedOut: () => undefined };
    const hub = new Hub(s.memory.deps.events, silentLogger, noMetrics, { heartbeatMs: 60_000, sweepMs: 60_000 });
    const received: FrameData[][] = [[], []];
    for (const frames of received)
      await hub.join(s.teamId, s.boardId, {
        deliver: (_event, frame) => frames.push(frame),
        resync: () => undefined,
        gone: () => undefined,
      });
    publishBurst(s, s.template.seq, 1);
    await hub.stop();
    const [first, second] = received.map((frames) => frames[0]);
    expect(Buffer.isBuffer(first)).toBe(true);
    expect(second).toBe(first);
    expect(JSON.parse(String(first))).toMatchObject({ type: 'event', seq: s.template.seq + 1 });
  });
});
