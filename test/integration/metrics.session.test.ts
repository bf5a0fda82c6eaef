import { BoardClient } from '../integration/realtime/board-client';
import { call, seedBoard } from '../faults/support/api';
import { useInProcess } from '../faults/support/stack';

jest.setTimeout(60_000);

const world = useInProcess({ shards: 2 });

/** The value of the first sample line starting with `prefix` (name and labels), or null. */
const sample = (text: string, prefix: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('/metrics after a short session', () => {
  it('shows HTTP, socket, event, fan-out, per-shard database and tenant-move series', async () => {
    const seeded = await seedBoard(world.instance.url);
    const client = new BoardClient('metrics', seeded.token, seeded.teamId, seeded.boardId, () =>
      world.instance.url.replace('http', 'ws').concat('/ws'),
    );
    await client.connect();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await call(world.instance.url, 'POST', `${seeded.boardPath}/cards`, {
          token: seeded.token,
          body: { listId: seeded.listId, title: `Card ${i}` },
        });
        expect(res.status).toBe(201);
      }
      await client.until(() => client.applied.length >= 3);
      expect((await call(world.instance.url, 'GET', '/api/nowhere')).status).toBe(404);

      const res = await fetch(`${world.instance.url}/metrics`);
      const text = await res.text();
      const cardRoute = 'route="/api/teams/:teamId/boards/:boardId/cards"';

      expect(sample(text, `http_requests_total{method="POST",${cardRoute},status="201"}`)).toBeGreaterThanOrEqual(3);
      expect(sample(text, `http_requests_total{method="GET",route="unmatched",status="404"}`)).toBeGreaterThanOrEqual(
        1,
      );
      expect(sample(text, `http_request_duration_seconds_count{method="POST",${cardRoute}`)).toBeGreaterThanOrEqual(3);
      expect(sample(text, 'ws_connections ')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'events_published_total ')).toBeGreaterThanOrEqual(5);
      expect(sample(text, 'events_delivered_total ')).toBeGreaterThanOrEqual(3);
      expect(sample(text, 'event_fanout_latency_seconds_count ')).toBeGreaterThanOrEqual(3);
      expect(text).toMatch(/^event_fanout_latency_seconds_bucket\{le="0\.5"\} \d+/m);
      expect(text).toMatch(/^db_query_duration_seconds_count\{database="catalog"\} [1-9]/m);
      expect(text).toMatch(/^db_query_duration_seconds_count\{database="shard-[01]"\} [1-9]/m);
      expect(text).toMatch(/^db_pool_saturation_ratio\{database="shard-0"\} [\d.]+$/m);
      expect(text).toMatch(/^db_pool_connections\{database="catalog",state="idle"\} \d+$/m);
      expect(text).toMatch(/^db_pool_waiting_requests\{database="shard-1"\} 0$/m);
      expect(text).toMatch(/^# TYPE tenant_move_progress_ratio gauge$/m);
      expect(text).toMatch(/^tenant_moves_in_progress \d+$/m);
    } finally {
      await client.close();
    }
  });
});
