import { execFile } from 'node:child_process';
import { writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { DurablePostgres } from '../env/postgres';
import type { MoveResult, MoverSpec } from '../lib/movers';
import { WaitSampler } from '../lib/pg-waits';
import { samplerWithClients, waitFigures } from '../lib/measure';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { createBoard, pool, type BoardFixture } from '../lib/rest';
import { summarize } from '../lib/stats';
import { Swarm } from '../lib/swarm';

const run = promisify(execFile);
const PGBENCH = process.env.PGBENCH_BIN ?? '/usr/lib/postgresql/15/bin/pgbench';
const MOVERS = 20;
// Sockets per mover, each a different user: a closed-loop mover can outrun one user's 20 moves/s.
const usersPerMover = (quick: boolean) => (quick ? 4 : 10);

// Each pgbench client updates its own row, as each mover writes its own board: no lock contention
// in either, so the ratio compares the cost of a move with the cost of the cheapest durable write.
const SCRIPT = '\\set id :client_id + 1\nUPDATE bench_row SET v = v + 1 WHERE id = :id;\n';

/** pgbench's TPS for single-row UPDATEs with `clients` connections on the given server. */
export const pgbenchTps = async (server: DurablePostgres, clients: number, seconds: number): Promise<number> => {
  const url = await server.createDatabase(`pgbench_${Date.now()}`);
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE TABLE bench_row (id int PRIMARY KEY, v bigint NOT NULL DEFAULT 0)');
  await c.query('INSERT INTO bench_row (id) SELECT generate_series(1, $1)', [clients]);
  await c.end();
  const script = path.join(os.tmpdir(), `boardroom-pgbench-${process.pid}.sql`);
  await writeFile(script, SCRIPT);
  try {
    const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, url];
    const { stdout } = await run(PGBENCH, args);
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    if (tps === undefined) throw new Error(`pgbench printed no tps: ${stdout}`);
    return Number(tps);
  } finally {
    await rm(script, { force: true });
  }
};

const pooled = (results: readonly MoveResult[]) => ({
  acked: results.reduce((s, r) => s + r.acked, 0),
  nacked: results.reduce((s, r) => s + r.nacked, 0),
  rateLimited: results.reduce((s, r) => s + r.rateLimited, 0),
  lost: results.reduce((s, r) => s + r.lost, 0),
  latencies: results.flatMap((r) => r.ackLatencies),
});

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
    sampler.start();
    await waits.start();
    const results = await swarm.each<MoveResult>((i) => ({ cmd: 'move', specs: specs(i), durationMs: seconds * 1000 }));
    return { moved: pooled(results), usage: sampler.stop(), waited: await waits.stop() };
  } finally {
    await swarm.stop();
  }
};

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
    const { moved, usage, waited } = await moveAll(ctx, boards, server);
    const tps = await pgbenchTps(server, MOVERS, seconds);
    const rate = Math.round(moved.acked / seconds);
    const ratio = Math.round((rate / tps) * 100);
    return {
      id: '2',
      title: throughputScenario.title,
      figures: {
        'durable moves/s': rate,
        'pgbench single-row UPDATE TPS': Math.round(tps),
        'moves/s as % of pgbench': `${ratio} %`,
        'nacked (rate limited) / lost': `${moved.nacked} (${moved.rateLimited}) / ${moved.lost}`,
        'shard server': server.name,
        ...waitFigures(waited),
      },
      latencies: { 'WS move -> ack under load': summarize(moved.latencies) },
      targets: [
        { name: 'durable moves/s', target: '>= 2000', actual: String(rate), met: rate >= 2000 },
        { name: 'share of pgbench TPS', target: '>= 50 %', actual: `${ratio} %`, met: ratio >= 50 },
      ],
      usage,
      notes: [
        `${seconds} s, each mover on its own board, closed loop (next move on ack), 10 movers per instance`,
        `pgbench: ${MOVERS} clients, -j 2, ${seconds} s, each client its own row, run after the movers on the same server`,
        'the 2 client processes share the 2 cores with both servers, both Postgres servers and Redis',
      ],
    };
  },
};
