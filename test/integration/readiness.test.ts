import { call } from '../faults/support/api';
import { useInProcess } from '../faults/support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(90_000);

// Every shard on a server of its own, so one can be stopped while the others keep running.
const world = useInProcess({ shards: 2, dedicatedShardServers: true });

const readyz = () => call(world.instance.url, 'GET', '/readyz');

/** Polls `check` until it holds; fails the test after `ms`. */

describe('GET /readyz', () => {
  it('is ready when the catalog, every shard and Redis answer, and lists each check', async () => {
    const res = await readyz();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      checks: { catalog: 'ok', 'shard:shard-0': 'ok', 'shard:shard-1': 'ok', redis: 'ok' },
      failing: [],
    });
  });

  it('names a stopped shard as the failing part, and is ready again once it is back', async () => {
    const shard = world.stack.cluster.shards[1]?.server;
    if (!shard) throw new Error('shard-1 has no server of its own');
    await shard.stop();
    try {
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('not_ready');
      expect(res.body.failing).toEqual(['shard:shard-1']);
      expect(res.body.checks).toMatchObject({ catalog: 'ok', 'shard:shard-0': 'ok', redis: 'ok' });
      expect((res.body.checks as Record<string, string>)['shard:shard-1']).not.toBe('ok');
      expect(JSON.stringify(res.body)).not.toMatch(/postgres:\/\//);
    } finally {
      await shard.start();
    }
    // The pool drops the connections the stop cut as it notices them, so "ready" may take a probe or two.
    await eventually(async () => (await readyz()).status === 200, 5000);
  });

  it('names Redis when it is down, within the probe timeout', async () => {
    await world.stack.redis.stop();
    try {
      const started = Date.now();
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(res.body.failing).toEqual(['redis']);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await world.stack.redis.start();
    }
    await eventually(async () => (await readyz()).status === 200);
  });
});
