import type { DurablePostgres } from '../env/postgres';
import { poolResults, type MoveResult, type MoverSpec } from '../lib/movers';
import { pgbench } from '../lib/pgbench';
import { StatementTimes } from '../lib/pg-statements';
import { WaitSampler } from '../lib/pg-waits';
import { samplerWithClients, waitFigures } from '../lib/measure';
import type { Scenario, ScenarioContext, ScenarioResult, TargetCheck } from '../lib/report';
import { createBoard, pool, type BoardFixture } from '../lib/rest';
import { summarize } from '../lib/stats';
import { Swarm } from '../lib/swarm';
import { PLANKA_RECORDED } from '../lib/summary';

const MOVERS = 20;
// Sockets per mover, each a different user: a closed-loop mover can outrun one user's 20 moves/s.
const usersPerMover = (quick: boolean) => (quick ? 4 : 10);

const PLANKA_FACTOR = 40;

/** Runs the movers, 10 per instance from one client process each, and samples the servers meanwhile. */
const moveAll = async (ctx: ScenarioContext, boards: readonly BoardFixture[], server: DurablePostgres) => {
  const seconds = ctx.quick ? 3 : 10;
  const urls = ctx.env.instances.map((i) => i.wsUrl);
  const swarm = Swarm.start(2);
  try {
    const specs = (i: number): MoverSpec[] =>
      boards
        .filter((_, j) => j % 2 === i)
        .map((board) => ({ url: urls[i] as string, tokens: ctx.crew.tokens(usersPerMover(ctx.quick)), board }));
    const sampler = samplerWithClients(ctx.env, swarm);
    const waits = new WaitSampler(server.databaseUrl('postgres'));
    const times = new StatementTimes(server);
    await times.start();
    sampler.start();
    await waits.start();
    const results = await swarm.each<MoveResult>((i) => ({ cmd: 'move', specs: specs(i), durationMs: seconds * 1000 }));
    const usage = sampler.stop();
    return { moved: poolResults(results), usage, waited: await waits.stop(), statements: await times.stop(5) };
  } finally {
    await swarm.stop();
  }
};

const targets = (rate: number, tps: number, planka: number): TargetCheck[] => [
  { name: 'durable moves/s', target: '>= 2000', actual: String(rate), met: rate >= 2000 },
  {
    ref: 'T1',
    name: 'share of pgbench TPS (same server, same run)',
    target: '>= 50 %',
    actual: `${Math.round((rate / tps) * 100)} % (${rate} moves/s vs ${Math.round(tps)} TPS)`,
    met: rate >= tps / 2,
  },
  {
    ref: 'T2',
    name: 'vs Planka (recorded 37 moves/s, not re-measured)',
    target: `>= ${PLANKA_FACTOR}x (${PLANKA_FACTOR * PLANKA_RECORDED.movesPerSecond} moves/s)`,
    actual: `${planka}x (${rate} moves/s)`,
    met: planka >= PLANKA_FACTOR,
  },
];

export const throughputScenario: Scenario = {
  id: '2',
  title: `Throughput: ${MOVERS} concurrent movers across 2 instances vs pgbench`,
  run: async (ctx): Promise<ScenarioResult> => {
    const seconds = ctx.quick ? 3 : 10;
    // One team, so every board is on one shard and pgbench runs against that same server.
    const team = ctx.crew.teamId;
    const boards: BoardFixture[] = [];
    await pool(MOVERS, 4, async () => void boards.push(await createBoard(() => ctx.crew.session(), team, 20)));
    const server = await ctx.env.serverOf(team);
    const { moved, usage, waited, statements } = await moveAll(ctx, boards, server);
    const bench = await pgbench(server, MOVERS, seconds);
    const tps = bench.tps;
    const rate = Math.round(moved.ackedInWindow / seconds);
    const ratio = Math.round((rate / tps) * 100);
    const planka = Math.round((rate / PLANKA_RECORDED.movesPerSecond) * 10) / 10;
    return {
      id: '2',
      title: throughputScenario.title,
      figures: {
        'durable moves/s': rate,
        'pgbench single-row UPDATE TPS': Math.round(tps),
        'moves/s as % of pgbench': `${ratio} %`,
        'Planka moves/s (recorded, not re-measured)': PLANKA_RECORDED.movesPerSecond,
        'moves/s as a multiple of Planka': `${planka}x`,
        'nacked (rate limited) / lost': `${moved.nacked} (${moved.rateLimited}) / ${moved.lost}`,
        'shard server': server.name,
        ...waitFigures(waited),
        ...statements,
      },
      latencies: { 'WS move -> ack under load': summarize(moved.ackLatencies) },
      targets: targets(rate, tps, planka),
      usage,
      notes: [
        `${seconds} s, each mover on its own board, closed loop (next move on ack), 10 movers per instance`,
        `${bench.command}, each client its own row, run after the movers on the same server`,
        `Planka: ${PLANKA_RECORDED.movesPerSecond} moves/s with 20 concurrent movers, recorded in an earlier side-by-side run (Planka cannot run here)`,
        'the 2 client processes share the 2 cores with both servers, both Postgres servers and Redis',
      ],
    };
  },
};
