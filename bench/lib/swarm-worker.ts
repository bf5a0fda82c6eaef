// A child process that holds thousands of client sockets, so the bench's clients are spread over
// several processes (and open-file limits) and their CPU is measured apart from the servers'.
import { runMovers, type MoverSpec } from './movers';
import { BenchSocket } from './socket';
import { nowMs, sleep } from './stats';

export type SwarmCommand =
  | {
      cmd: 'connect';
      urls: string[];
      token: string;
      count: number;
      board: { teamId: string; boardId: string } | null;
      concurrency: number;
    }
  | { cmd: 'collect' }
  | { cmd: 'storm'; concurrency: number }
  | { cmd: 'until'; seq: number; timeoutMs: number }
  | { cmd: 'move'; specs: MoverSpec[]; durationMs: number }
  | { cmd: 'close' };

const sockets: BenchSocket[] = [];
let deliveries = 0;
let perMid = new Map<string, [number, number]>();

const track = (socket: BenchSocket) => {
  socket.onEvent = ({ mid, at }) => {
    deliveries += 1;
    if (mid === null) return;
    const seen = perMid.get(mid);
    if (!seen) perMid.set(mid, [at, 1]);
    else {
      seen[0] = Math.max(seen[0], at);
      seen[1] += 1;
    }
  };
};

const inBatches = async <T>(items: readonly T[], concurrency: number, f: (t: T) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
};

const connect = async (c: Extract<SwarmCommand, { cmd: 'connect' }>) => {
  const started = nowMs();
  const fresh = Array.from(
    { length: c.count },
    (_, i) => new BenchSocket(c.urls[i % c.urls.length] as string, c.token, `sw-${process.pid}-${sockets.length + i}`),
  );
  await inBatches(fresh, c.concurrency, async (s) => {
    await s.open();
    if (c.board) await s.subscribe(c.board.teamId, c.board.boardId);
    track(s);
    sockets.push(s);
  });
  return { ms: nowMs() - started, count: fresh.length };
};

const collect = () => {
  const out = {
    deliveries,
    perMid: [...perMid].map(([mid, [at, n]]) => [mid, at, n] as [string, number, number]),
    gaps: sockets.reduce((s, x) => s + x.gaps, 0),
    duplicates: sockets.reduce((s, x) => s + x.duplicates, 0),
    snapshots: sockets.reduce((s, x) => s + x.snapshots, 0),
    retries: sockets.reduce((s, x) => s + x.retries, 0),
    errors: sockets.flatMap((s) => s.errors).slice(0, 5),
  };
  deliveries = 0;
  perMid = new Map();
  for (const s of sockets) {
    s.gaps = 0;
    s.duplicates = 0;
    s.snapshots = 0;
    s.retries = 0;
    s.errors.length = 0;
  }
  return out;
};

// A resume that has not finished by then is counted, not waited for: the storm must end with a figure.
const RESUME_TIMEOUT_MS = 90_000;

const storm = async (concurrency: number) => {
  const started = nowMs();
  let stuck = 0;
  sockets.forEach((s) => s.drop());
  await inBatches(sockets, concurrency, async (s) => {
    const done = await Promise.race([s.resume().then(() => true), sleep(RESUME_TIMEOUT_MS).then(() => false)]);
    if (!done) stuck += 1;
  });
  return { ms: nowMs() - started, stuck };
};

const until = async (seq: number, timeoutMs: number) => {
  const started = nowMs();
  const behind = () => sockets.filter((s) => (s.lastSeq ?? 0) < seq).length;
  while (behind() > 0 && nowMs() - started < timeoutMs) await sleep(5);
  return { ms: nowMs() - started, behind: behind() };
};

const handle = async (c: SwarmCommand): Promise<unknown> => {
  switch (c.cmd) {
    case 'connect':
      return connect(c);
    case 'collect':
      return collect();
    case 'storm':
      return storm(c.concurrency);
    case 'until':
      return until(c.seq, c.timeoutMs);
    case 'move':
      return runMovers(c.specs, c.durationMs);
    case 'close':
      sockets.forEach((s) => s.close());
      setTimeout(() => process.exit(0), 200);
      return {};
  }
};

process.on('message', (msg: { id: number; command: SwarmCommand }) => {
  handle(msg.command).then(
    (result) => process.send?.({ id: msg.id, result }),
    (err: unknown) => process.send?.({ id: msg.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
