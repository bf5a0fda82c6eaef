import { randomUUID } from 'node:crypto';
import { slotOf } from '../../src/shard-router/stable-hash';
import { startCluster, type TestCluster } from '../harness/cluster';
import { cliRunner } from './support';

describe('the boardroom operator CLI', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster({ shards: 3 });
  });
  afterAll(() => cluster.stop());

  const run = cliRunner(() => cluster);

  it('migrate registers the shards and is a no-op the second time', async () => {
    await run('migrate');
    const again = await run('migrate');

    expect(again).toEqual(['catalog: up to date', 'shard-0: up to date', 'shard-1: up to date', 'shard-2: up to date']);
  });

  it('shards lists every shard as healthy with its share of the 1024 slots', async () => {
    await run('migrate');
    const stats = JSON.parse((await run('shards', '--json')).join('\n'));

    expect(stats.map((s: { id: string }) => s.id)).toEqual(['shard-0', 'shard-1', 'shard-2']);
    expect(stats.every((s: { healthy: boolean }) => s.healthy)).toBe(true);
    expect(stats.reduce((n: number, s: { slots: number }) => n + s.slots, 0)).toBe(1024);
  });

  it("where names a team's slot, shard and epoch", async () => {
    await run('migrate');
    const team = randomUUID();
    const placement = JSON.parse((await run('where', team, '--json'))[0]!);

    expect(placement).toMatchObject({ teamId: team, slot: slotOf(team), epoch: 0, overridden: false });
    expect(placement.shardId).toMatch(/^shard-[012]$/);
  });

  it('where refuses something that is not a team id', async () => {
    await expect(run('where', 'not-a-uuid')).rejects.toThrow(/not a team id/);
  });
});
