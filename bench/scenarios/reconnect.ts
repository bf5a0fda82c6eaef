import { runMovers, usersForRate } from '../lib/movers';
import { WaitSampler } from '../lib/pg-waits';
import { ProcSampler } from '../lib/proc';
import type { Scenario, ScenarioResult } from '../lib/report';
import { boardPath, call, createBoard } from '../lib/rest';
import { nowMs, sleep } from '../lib/stats';
import { Swarm } from '../lib/swarm';

interface Collected {
  gaps: number;
  duplicates: number;
  snapshots: number;
  retries: number;
  errors: string[];
}

const WORKERS = 4;
const RATE = 50;

export const reconnectScenario: Scenario = {
  id: '5',
  title: 'Reconnect storm: every subscriber drops and resumes from its last seq',
  run: async (ctx): Promise<ScenarioResult> => {
    const clients = ctx.quick ? 500 : 5000;
    const [a, b] = ctx.env.instances;
    const board = await createBoard(() => ctx.crew.session(), ctx.crew.teamId, 40);
    const swarm = Swarm.start(WORKERS);
    try {
      const urls = [a.wsUrl, b.wsUrl];
      await swarm.each(() => ({
        cmd: 'connect',
        urls,
        token: ctx.crew.session().token,
        count: clients / WORKERS,
        board,
        concurrency: 50,
      }));
      await swarm.each(() => ({ cmd: 'collect' }));
      const sampler = new ProcSampler([
        ...ctx.env.watched,
        ...swarm.pids.map((pid, i) => ({ name: `clients ${i}`, pid, withChildren: false })),
      ]);
      const waits = new WaitSampler((await ctx.env.serverOf(board.teamId)).databaseUrl('postgres'));
      sampler.start();
      await waits.start();
      // Moves keep coming before, during and after the storm: the resume must lose none of them.
      const moving = runMovers(
        [{ url: a.wsUrl, tokens: ctx.crew.tokens(usersForRate(RATE)), board, ratePerSecond: RATE }],
        4000,
      );
      await sleep(1000);
      const stormStart = nowMs();
      const storms = await swarm.each<{ ms: number; stuck: number }>(() => ({ cmd: 'storm', concurrency: 200 }));
      const resubscribedMs = nowMs() - stormStart;
      const moved = await moving;
      const { seq } = await call<{ seq: number }>(ctx.crew.owner, 'GET', boardPath(board.teamId, board.boardId));
      const caught = await swarm.each<{ ms: number; behind: number }>(() => ({ cmd: 'until', seq, timeoutMs: 30_000 }));
      const usage = sampler.stop();
      const waited = await waits.stop();
      const collected = await swarm.each<Collected>(() => ({ cmd: 'collect' }));
      const gaps = collected.reduce((s, c) => s + c.gaps, 0);
      const behind = caught.reduce((s, c) => s + c.behind, 0);
      const missed = gaps + behind;
      return {
        id: '5',
        title: reconnectScenario.title,
        figures: {
          clients,
          'all resubscribed and caught up': `${Math.round(resubscribedMs)} ms`,
          'clients not resubscribed within 90 s': storms.reduce((s, x) => s + x.stuck, 0),
          'slowest worker storm': `${Math.round(Math.max(...storms.map((s) => s.ms)))} ms`,
          'moves during the run: sent / acked / nacked / unanswered in 10 s': `${moved.sent.length} / ${moved.acked} / ${moved.nacked} / ${moved.lost}`,
          'events missed (gaps + clients behind)': missed,
          'duplicates seen': collected.reduce((s, c) => s + c.duplicates, 0),
          ...Object.fromEntries(Object.entries(waited).map(([k, v]) => [`pg backends: ${k}`, v])),
          'subscribes refused for now (retryable) and resent': collected.reduce((s, c) => s + c.retries, 0),
          'snapshots instead of events': collected.reduce((s, c) => s + c.snapshots, 0),
        },
        latencies: {},
        targets: [{ name: 'events missed', target: '0', actual: String(missed), met: missed === 0 }],
        usage,
        notes: [
          `clients split evenly over A and B in ${WORKERS} processes; all are terminated (no close frame) at once`,
          `and reconnect at once (200 handshakes in flight per process) while one client moves cards at ${RATE}/s`,
          '"caught up" = the subscribe answered `subscribed`, i.e. the missed events were replayed',
          ...collected.flatMap((c) => c.errors),
        ],
      };
    } finally {
      await swarm.stop();
    }
  },
};
