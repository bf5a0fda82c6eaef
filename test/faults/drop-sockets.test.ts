import { BoardClient } from '../integration/realtime/board-client';
import { seedBoard, type Seeded } from './support/api';
import { expectNothingAcknowledgedLost, History, readBoard } from './support/history';
import { useInProcessPair, type InProcess } from './support/stack';

jest.setTimeout(90_000);

const pair = useInProcessPair();

const wsOf = (i: InProcess) => `${i.url.replace('http', 'ws')}/ws`;

/** Sends `count` card creations, dropping the socket right after every third one is sent. */
const writeAndDrop = async (client: BoardClient, seeded: Seeded, history: History, count: number) => {
  for (let i = 0; i < count; i++) {
    const title = `${client.clientId}-${i}`;
    const answer = client.mutateWith(`${client.clientId}-m${i}`, { kind: 'card.create', listId: seeded.listId, title });
    if (i % 3 === 0) client.drop();
    const settled = await answer;
    if (settled.type === 'ack') history.ack(title, settled.seq);
    else history.refuse(title, settled.error.code);
  }
};

describe('fault: sockets dropped mid-mutation', () => {
  it('every resent mutation is applied exactly once and acknowledged, and no client sees a gap or a repeat', async () => {
    const { a, b, clients } = pair;
    const seeded = await seedBoard(a.url, 'Dropsy');
    const writers = ['w1', 'w2', 'w3'].map(
      (id, i) => new BoardClient(id, seeded.token, seeded.teamId, seeded.boardId, () => wsOf(i % 2 ? b : a)),
    );
    const watcher = new BoardClient('watcher', seeded.token, seeded.teamId, seeded.boardId, () => wsOf(b));
    clients.push(...writers, watcher);
    await Promise.all([...writers, watcher].map((c) => c.connect()));
    const from = watcher.lastSeq as number;

    const history = new History();
    await Promise.all(writers.map((w) => writeAndDrop(w, seeded, history, 15)));

    expect([...history.refused]).toEqual([]);
    expect(history.acked.size).toBe(45);
    expect(new Set(history.acked.values()).size).toBe(45);
    await expectNothingAcknowledgedLost(a.url, seeded, history);
    const { seq, titles } = await readBoard(a.url, seeded);
    expect(titles).toHaveLength(45);
    expect(writers.reduce((n, w) => n + w.reconnects, 0)).toBeGreaterThanOrEqual(15);
    await watcher.until(() => (watcher.lastSeq ?? 0) >= seq);
    for (const c of [...writers, watcher]) expect(c.violations).toEqual([]);
    expect(watcher.applied).toEqual(Array.from({ length: seq - from }, (_, i) => from + 1 + i));
  });
});
