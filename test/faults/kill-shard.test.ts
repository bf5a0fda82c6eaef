import { call, seedBoard, type Seeded } from './support/api';
import { expectNothingAcknowledgedLost, History, writeOverHttp } from './support/history';
import { useInProcess } from './support/stack';

jest.setTimeout(90_000);

const world = useInProcess({ shards: 2, dedicatedShardServers: true });

/** The shard that served a read of the seeded board, as the request log line names it. */
const shardOf = async (seeded: Seeded): Promise<string> => {
  const reqId = `where-${seeded.teamId}`;
  await call(world.instance.url, 'GET', seeded.boardPath, { token: seeded.token, headers: { 'x-request-id': reqId } });
  const line = world.instance.logs().find((l) => l.reqId === reqId && l.msg === 'request completed');
  return line?.shard as string;
};

/** Seeds teams until one lives on each shard. */
const oneTeamPerShard = async (): Promise<Map<string, Seeded>> => {
  const byShard = new Map<string, Seeded>();
  for (let i = 0; byShard.size < 2 && i < 40; i++) {
    const seeded = await seedBoard(world.instance.url, `Shardy${i}`);
    const shard = await shardOf(seeded);
    if (!byShard.has(shard)) byShard.set(shard, seeded);
  }
  return byShard;
};

describe('fault: a shard is killed under load', () => {
  it('loses no acknowledged write, answers 503 for its teams while down, and serves the other shard throughout', async () => {
    const teams = await oneTeamPerShard();
    const victim = teams.get('shard-1') as Seeded;
    const bystander = teams.get('shard-0') as Seeded;
    const server = world.stack.cluster.shards[1]?.server;
    if (!victim || !bystander || !server) throw new Error('need a team on each shard and a server for shard-1');

    const victimHistory = new History();
    const bystanderHistory = new History();
    const base = () => world.instance.url;
    const load = Promise.all([
      writeOverHttp(base, victim, victimHistory, 'victim', 60, 20),
      writeOverHttp(base, bystander, bystanderHistory, 'bystander', 60, 20),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    await server.stop();
    await new Promise((r) => setTimeout(r, 800));
    const duringOutage = await call(world.instance.url, 'POST', `${victim.boardPath}/cards`, {
      token: victim.token,
      body: { listId: victim.listId, title: 'during-outage' },
    });
    await server.start();
    await load;

    expect(duringOutage.status).toBe(503);
    expect(duringOutage.headers.get('retry-after')).toBe('2');
    // Retried with the same Idempotency-Key once the shard is back, every write ends acknowledged.
    expect([...victimHistory.refused, ...bystanderHistory.refused]).toEqual([]);
    expect(victimHistory.setbacks.filter((s) => s.startsWith('503')).length).toBeGreaterThan(0);
    expect(bystanderHistory.setbacks.filter((s) => !s.startsWith('429'))).toEqual([]);
    await expectNothingAcknowledgedLost(world.instance.url, victim, victimHistory);
    await expectNothingAcknowledgedLost(world.instance.url, bystander, bystanderHistory);
  });
});
