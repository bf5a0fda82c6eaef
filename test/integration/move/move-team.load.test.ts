import * as E from 'fp-ts/Either';
import { asUuid, type TeamId } from '../../../src/domain';
import { moveTeam, type LeasePhase, type MoveReport } from '../../../src/shard-router/move';
import type { TestCluster } from '../../harness/cluster';
import { startRedis, type RedisServer } from '../../harness/redis';
import { BoardClient } from '../realtime/board-client';
import { startInstance, type Instance } from './instance';
import { LoadGenerator, type Team } from './load';
import { must, operator, otherShard, seedTeam, seededCluster, teamRows, type Operator } from './setup';
import { sleep } from '../../support/wait';

jest.setTimeout(90_000);

let cluster: TestCluster;
let redis: RedisServer;
let a: Instance;
let b: Instance;
let op: Operator;
const clients: BoardClient[] = [];

beforeAll(async () => {
  [cluster, redis] = await Promise.all([seededCluster(), startRedis()]);
  [a, b] = await Promise.all([startInstance(cluster, redis.url, 'a'), startInstance(cluster, redis.url, 'b')]);
  op = operator(cluster, redis.url);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([a?.stop(), b?.stop(), op?.close()]);
  await redis?.stop();
  await cluster?.stop();
});

const client = async (team: Team, id: string, url: string): Promise<BoardClient> => {
  const c = new BoardClient(id, team.token, team.teamId, team.boardId, () => url);
  clients.push(c);
  await c.connect();
  return c;
};

const shardOf = async (teamId: string) => (await must(op.rt.router.where(teamId as TeamId))).shardId;

describe('moving a team between shards while it works', () => {
  it('keeps every acknowledged write exactly once on the target, prunes the source and leaves no gap', async () => {
    const team = await seedTeam(a.application, 'mover', 20);
    const teamId = asUuid(team.teamId) as TeamId;
    const from = await shardOf(team.teamId);
    const to = otherShard(from);
    const watchers = [await client(team, 'watch-a', a.wsUrl), await client(team, 'watch-b', b.wsUrl)];
    const startSeq = watchers[0]!.lastSeq ?? 0;
    const writers: BoardClient[] = [];
    for (const i of [1, 2]) {
      writers.push(await client(team, `ws-a${i}`, a.wsUrl), await client(team, `ws-b${i}`, b.wsUrl));
    }
    // Steady writes over both instances, REST and WS: the load under which cutovers used to answer 503.
    const load = new LoadGenerator(team, [a.url, b.url, a.url, b.url], writers);

    load.start();
    let cutoverStarted = Infinity;
    // The flip comes 300 ms after the fence, as on a busy catalog: writes meeting the fence must wait it out.
    const onPhase = async (p: LeasePhase) => {
      if (p === 'cutover') cutoverStarted = performance.now();
      if (p === 'fenced') await sleep(300);
    };
    let report: MoveReport;
    let flippedAt: number;
    let acksAtFlip: number;
    try {
      await sleep(1500);
      report = await must(moveTeam(op.env, { teamId, to, maxPauseMs: 500, onPhase }));
      flippedAt = performance.now();
      acksAtFlip = load.acks.length;
      await sleep(1500);
    } finally {
      await load.stop();
    }

    // The issue asks the test to report the measured pause; stderr keeps it visible in CI logs.
    process.stderr.write(
      `tenant move under load: pause ${report.pauseMs} ms, ${report.rowsPerSecond} rows/s, ` +
        `${report.changesApplied} changes caught up, ${load.acks.length} acknowledged writes ` +
        `(${acksAtFlip} before the flip), ${load.retries} client retries, ${load.refusals.length} refused, ` +
        `slowest acknowledged write ${Math.round(Math.max(...load.acks.map((w) => w.latencyMs)))} ms\n`,
    );
    // Writes that met the fence waited for the flip instead of failing: nobody saw a 503 or a nack.
    const duringCutover = load.refusals.filter((r) => r.at >= cutoverStarted && r.at <= flippedAt + 1000);
    expect(duringCutover).toEqual([]);
    expect(load.refusals).toEqual([]);
    expect(report).toMatchObject({ from, to, epoch: 1, dryRun: false, warnings: [] });
    expect(report.verify?.ok).toBe(true);
    expect(load.acks.length).toBeGreaterThan(acksAtFlip);
    expect(await shardOf(team.teamId)).toBe(to);

    const target = op.rt.shards.get(to)!;
    const { rows } = await target.query<{ client_id: string; mid: string; n: number; seq: number }>(
      `SELECT client_id, mid, count(*)::int AS n, min(seq)::int AS seq FROM board_events
       WHERE team_id = $1 AND mid IS NOT NULL GROUP BY client_id, mid`,
      [teamId],
    );
    const stored = new Map(rows.map((r) => [`${r.client_id}/${r.mid}`, r]));
    const missing = load.acks.filter((ack) => stored.get(`${ack.clientId}/${ack.mid}`)?.seq !== ack.seq);
    expect(missing).toEqual([]);
    expect(load.acks.every((ack) => stored.get(`${ack.clientId}/${ack.mid}`)?.n === 1)).toBe(true);

    const seqs = await target.query<{ n: number; max: number; seq: number }>(
      `SELECT count(*)::int AS n, max(e.seq)::int AS max, b.seq::int AS seq FROM board_events e
       JOIN boards b ON b.team_id = e.team_id AND b.id = e.board_id WHERE e.team_id = $1 GROUP BY b.seq`,
      [teamId],
    );
    const final = seqs.rows[0]!;
    expect(final.n).toBe(final.max);
    expect(final.max).toBe(final.seq);
    expect(Object.values(await teamRows(op.rt.shards.get(from)!, teamId)).every((n) => n === 0)).toBe(true);

    for (const w of watchers) {
      await w.until(() => w.lastSeq === final.seq);
      expect(w.violations).toEqual([]);
      expect(w.applied).toEqual(Array.from({ length: final.seq - startSeq }, (_, i) => startSeq + 1 + i));
    }
  });

  it('refuses a second move of the same team while one runs', async () => {
    const team = await seedTeam(b.application, 'twice', 3);
    const teamId = asUuid(team.teamId) as TeamId;
    const to = otherShard(await shardOf(team.teamId));
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let copying: () => void = () => undefined;
    const reachedCopy = new Promise<void>((r) => (copying = r));
    const onPhase = async (phase: LeasePhase) => {
      if (phase !== 'copy') return;
      copying();
      await held;
    };
    const first = moveTeam(op.env, { teamId, to, onPhase })();
    await reachedCopy;
    const second = await moveTeam(op.env, { teamId, to })();
    release();

    expect(E.isLeft(second) && second.left.code).toBe('move_in_progress');
    expect(E.isRight(await first)).toBe(true);
  });
});
