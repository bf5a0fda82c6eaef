import { migrateAndSeed, openPostgres } from '../../../src/adapters/storage/postgres-runtime';
import { asUuid, type TeamId } from '../../../src/domain';
import { slotOf } from '../../../src/shard-router/stable-hash';
import { startCluster } from '../../harness/cluster';
import type { Team } from './load';
import { moveWorld, must, seedTeam, teamRows } from './setup';
import { cliRunner } from '../support';

jest.setTimeout(90_000);

// The deployment starts with two shards; shard-2 is migrated but holds no slots yet.
const w = moveWorld(async () => {
  const cluster = await startCluster({ shards: 3 });
  const rt = openPostgres(
    cluster.catalogUrl,
    cluster.shards.map((s) => ({ id: s.id, url: s.url })),
  );
  await migrateAndSeed(rt);
  await rt.catalog.query("UPDATE slot_map SET shard_id = CASE WHEN slot % 2 = 0 THEN 'shard-0' ELSE 'shard-1' END");
  await rt.close();
  return cluster;
});

const run = cliRunner(
  () => w.cluster,
  () => w.redis.url,
);

describe('boardroom rebalance after a shard joins', () => {
  it('plans a third of the slots for the new shard, then moves their teams with all their rows', async () => {
    const slotsOnly = JSON.parse((await run('rebalance', '--plan', '--json'))[0]!);
    const moving = new Set(slotsOnly.moves.map((m: { slot: number }) => m.slot));
    const teams: Team[] = [];
    // Team ids are server-made, so keep creating until both kinds are present: moving and staying.
    while (teams.filter((t) => moving.has(slotOf(t.teamId))).length < 2 || teams.length < 6) {
      teams.push(await seedTeam(w.app.application, `rebal-${teams.length}`, 2));
    }
    const plan = JSON.parse((await run('rebalance', '--plan', '--json'))[0]!);
    const expected = teams.filter((t) => moving.has(slotOf(t.teamId)));

    expect(plan.after).toEqual({ 'shard-0': 342, 'shard-1': 341, 'shard-2': 341 });
    const out = await run('rebalance', '--apply');

    expect(out[0]).toBe(`rebalance: 341 slots reassigned, ${expected.length} teams moved`);
    for (const team of teams) {
      const teamId = asUuid(team.teamId) as TeamId;
      const placement = await must(w.op.rt.router.where(teamId));
      const slot = slotOf(team.teamId);
      expect(placement.shardId).toBe(moving.has(slot) ? 'shard-2' : `shard-${slot % 2}`);
      expect((await teamRows(w.op.rt.shards.get(placement.shardId)!, teamId)).cards).toBe(2);
    }
    expect((await run('rebalance', '--plan'))[0]).toBe('rebalance: 0 of 1024 slots and 0 teams move');
  });
});
