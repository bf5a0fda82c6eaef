import { BoardClient } from '../integration/realtime/board-client';
import { seedBoard } from './support/api';
import { expectNothingAcknowledgedLost, History, readBoard, writeOverHttp, writeOverSocket } from './support/history';
import { useChildPair } from './support/stack';

jest.setTimeout(90_000);

const pair = useChildPair();

describe('fault: an instance is killed (SIGKILL) under load', () => {
  it('loses no acknowledged write; its clients fail over to the other instance and every socket write is acknowledged once', async () => {
    const { a: x, b: y, clients } = pair;
    const seeded = await seedBoard(y.url, 'Killian');
    // What a load balancer does once the instance is gone: new connections go to the survivor.
    let live = x;
    const writer = new BoardClient('writer', seeded.token, seeded.teamId, seeded.boardId, () => live.wsUrl);
    const watcher = new BoardClient('watcher', seeded.token, seeded.teamId, seeded.boardId, () => y.wsUrl);
    clients.push(writer, watcher);
    await Promise.all([writer.connect(), watcher.connect()]);
    const from = watcher.lastSeq as number;

    const overSocket = new History();
    const overHttp = new History();
    const load = Promise.all([
      writeOverSocket(writer, seeded.listId, overSocket, 'ws', 40, 20),
      writeOverHttp(() => live.url, seeded, overHttp, 'http', 40, 20),
    ]);
    await new Promise((r) => setTimeout(r, 400));
    x.process.kill('SIGKILL');
    live = y;
    expect(await x.exited).toBe('SIGKILL');
    await load;

    expect(writer.reconnects).toBeGreaterThanOrEqual(1);
    expect([...overSocket.refused, ...overHttp.refused]).toEqual([]);
    await expectNothingAcknowledgedLost(y.url, seeded, overSocket);
    await expectNothingAcknowledgedLost(y.url, seeded, overHttp);
    const { seq } = await readBoard(y.url, seeded);
    await watcher.until(() => (watcher.lastSeq ?? 0) >= seq);
    expect(watcher.violations).toEqual([]);
    expect(watcher.applied).toEqual(Array.from({ length: seq - from }, (_, i) => from + 1 + i));
  });
});
