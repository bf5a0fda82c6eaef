import type { TestCluster } from '../../harness/cluster';
import { startRedis, type RedisServer } from '../../harness/redis';
import { startInstance, type Instance } from './instance';
import { otherShard, seedTeam, seededCluster } from './setup';
import { cliRunner } from '../support';

jest.setTimeout(60_000);

let cluster: TestCluster;
let redis: RedisServer;
let app: Instance;

beforeAll(async () => {
  [cluster, redis] = await Promise.all([seededCluster(), startRedis()]);
  app = await startInstance(cluster, redis.url, 'a');
});
afterAll(async () => {
  await app?.stop();
  await redis?.stop();
  await cluster?.stop();
});

const run = cliRunner(
  () => cluster,
  () => redis.url,
);

describe('boardroom move-team and verify-team', () => {
  it('a dry run names the shards and rows without moving anything', async () => {
    const team = await seedTeam(app.application, 'dry', 4);
    const from = JSON.parse((await run('where', team.teamId, '--json'))[0]!).shardId as string;

    const out = await run('move-team', team.teamId, '--to', otherShard(from), '--dry-run');

    expect(out[0]).toBe(`dry run: team ${team.teamId} would move from ${from} to ${otherShard(from)} (epoch 0 -> 1)`);
    expect(out.join('\n')).toMatch(/cards\s+4/);
    expect(JSON.parse((await run('where', team.teamId, '--json'))[0]!)).toMatchObject({ shardId: from, epoch: 0 });
  });

  it('moves a team, prints the summary, and where then names the new shard', async () => {
    const team = await seedTeam(app.application, 'cli', 6);
    const from = JSON.parse((await run('where', team.teamId, '--json'))[0]!).shardId as string;
    const to = otherShard(from);

    const out = (await run('move-team', team.teamId, '--to', to, '--max-pause-ms', '500')).join('\n');

    expect(out).toContain(`moved team ${team.teamId} from ${from} to ${to}, now at epoch 1`);
    expect(out).toMatch(/cards\s+6/);
    expect(out).toContain('verification: identical');
    expect(out).toMatch(/write pause: [\d.]+ ms/);
    expect(JSON.parse((await run('where', team.teamId, '--json'))[0]!)).toMatchObject({ shardId: to, epoch: 1 });
  });

  it('verify-team lists the tables that differ between two shards', async () => {
    const team = await seedTeam(app.application, 'verify', 3);
    const from = JSON.parse((await run('where', team.teamId, '--json'))[0]!).shardId as string;

    const out = await run('verify-team', team.teamId, '--to', otherShard(from));

    expect(out[1]).toBe('verification: DIFFERENCES FOUND');
    expect(out.join('\n')).toMatch(/cards\s+source\s+3\s+target\s+0\s+differs in chunks 0/);
  });

  it('refuses to move a team to the shard it is on', async () => {
    const team = await seedTeam(app.application, 'same', 1);
    const from = JSON.parse((await run('where', team.teamId, '--json'))[0]!).shardId as string;

    await expect(run('move-team', team.teamId, '--to', from)).rejects.toThrow(/already lives on/);
  });
});
