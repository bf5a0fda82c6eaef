import { BoardClient } from '../integration/realtime/board-client';
import { seedBoard } from './support/api';
import { expectNothingAcknowledgedLost, History, readBoard, writeOverHttp, writeOverSocket } from './support/history';
import { useChildPair } from './support/stack';

jest.setTimeout(90_000);

const pair = useChildPair();

describe('fault: SIGTERM during load', () => {
  it('drains and exits 0; no acknowledged write is lost and every socket write is acknowledged on the other instance', async () => {
    const { a: x, b: y, clients } = pair;
    const seeded = await seedBoard(y.url, 'Termina');
    let live = x;
    const writers = ['w1', 'w2'].map(
      (id) => new BoardClient(id, seeded.token, seeded.teamId, seeded.boardId, () => live.wsUrl),
    );
    const watcher = new BoardClient('watcher', seeded.token, seeded.teamId, seeded.boardId, () => y.wsUrl);
    clients.push(...writers, watcher);
    await Promise.all([...writers, watcher].map((c) => c.connect()));
    const from = watcher.lastSeq as number;

    const overSocket = new History();
    const overHttp = new History();
    const load = Promise.all([
      ...writers.map((w) => writeOverSocket(w, seeded.listId, overSocket, w.clientId, 30, 20)),
      writeOverHttp(() => live.url, seeded, overHttp, 'http', 40, 20),
    ]);
    await new Promise((r) => setTimeout(r, 400));
    x.process.kill('SIGTERM');
    live = y;
    expect(await x.exited).toBe(0);
    await load;

    expect(x.output()).toContain('shutting down');
    expect(writers.every((w) => w.reconnects >= 1)).toBe(true);
    // Retried with the same mid or Idempotency-Key, every write ends acknowledged (and, below, applied once).
    expect([...overSocket.refused, ...overHttp.refused]).toEqual([]);
    await expectNothingAcknowledgedLost(y.url, seeded, overSocket);
    await expectNothingAcknowledgedLost(y.url, seeded, overHttp);
    const { seq } = await readBoard(y.url, seeded);
    await watcher.until(() => (watcher.lastSeq ?? 0) >= seq);
    expect(watcher.violations).toEqual([]);
    expect(watcher.applied).toEqual(Array.from({ length: seq - from }, (_, i) => from + 1 + i));
  });
});
