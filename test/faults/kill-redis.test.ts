import { BoardClient } from '../integration/realtime/board-client';
import { seedBoard } from './support/api';
import { expectNothingAcknowledgedLost, History, readBoard, writeOverSocket } from './support/history';
import { useInProcessPair, type InProcess } from './support/stack';

jest.setTimeout(90_000);

const pair = useInProcessPair();

const wsOf = (i: InProcess) => `${i.url.replace('http', 'ws')}/ws`;

describe('fault: Redis is killed under load', () => {
  it('loses no acknowledged write, and a watcher on the other instance ends with every event once, in order', async () => {
    const { a, b, clients, stack } = pair;
    const seeded = await seedBoard(a.url, 'Reddy');
    const writer = new BoardClient('writer', seeded.token, seeded.teamId, seeded.boardId, () => wsOf(a));
    const watcher = new BoardClient('watcher', seeded.token, seeded.teamId, seeded.boardId, () => wsOf(b));
    clients.push(writer, watcher);
    await Promise.all([writer.connect(), watcher.connect()]);
    const from = watcher.lastSeq as number;

    const history = new History();
    const load = writeOverSocket(writer, seeded.listId, history, 'redis', 50, 20);
    await new Promise((r) => setTimeout(r, 300));
    await stack.redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await stack.redis.start();
    await load;

    // Redis is a hint, never the record: every write is eventually acknowledged and kept.
    expect([...history.refused]).toEqual([]);
    await expectNothingAcknowledgedLost(a.url, seeded, history);
    const { seq } = await readBoard(b.url, seeded);
    await watcher.until(() => (watcher.lastSeq ?? 0) >= seq, 20_000);
    expect(watcher.violations).toEqual([]);
    expect(watcher.applied).toEqual(Array.from({ length: seq - from }, (_, i) => from + 1 + i));
    expect(watcher.resyncs).toBeGreaterThanOrEqual(1);
  });
});
