import { samplerWithClients, sumOf, waitFigures } from '../lib/measure';
import { runMovers, usersForRate } from '../lib/movers';
import { WaitSampler } from '../lib/pg-waits';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { boardPath, call, createBoard, type BoardFixture } from '../lib/rest';
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

/** Drops every client at once while one client keeps moving cards, and waits until all are current. */
const storm = async (ctx: ScenarioContext, swarm: Swarm, board: BoardFixture) => {
  const sampler = samplerWithClients(ctx.env, swarm);
  const waits = new WaitSampler((await ctx.env.serverOf(board.teamId)).databaseUrl('postgres'));
  sampler.start();
  await waits.start();
  // Moves keep coming before, during and after the storm: the resume must lose none of them.
  const tokens = ctx.crew.tokens(usersForRate(RATE));
  const moving = runMovers([{ url: ctx.env.instances[0].wsUrl, tokens, board, ratePerSecond: RATE }], 4000);
  await sleep(1000);
  const stormStart = nowMs();
  const storms = await swarm.each<{ ms: number; stuck: number }>(() => ({ cmd: 'storm', concurrency: 200 }));
  const resubscribedMs = nowMs() - stormStart;
  const moved = await moving;
  const { seq } = await call<{ seq: number }>(ctx.crew.owner, 'GET', boardPath(board.teamId, board.boardId));
  const caught = await swarm.each<{ behind: number }>(() => ({ cmd: 'until', seq, timeoutMs: 30_000 }));
  const usage = sampler.stop();
  const waited = await waits.stop();
  const collected = await swarm.each<Collected>(() => ({ cmd: 'collect' }));
  return { storms, resubscribedMs, moved, caught, usage, waited, collected };
};

export const reconnectScenario: Scenario = {
  id: '5',
  title: 'Reconnect storm: every subscriber drops and resumes from its last seq',
  run: async (ctx): Promise<ScenarioResult> => {
    const clients = ctx.quick ? 500 : 5000;
    const [a, b] = ctx.env.instances;
    const board = await createBoard(() => ctx.crew.session(), ctx.crew.teamId, 40);
    const swarm = Swarm.start(WORKERS);
    try {
      const token = ctx.crew.session().token;
      const urls = [a.wsUrl, b.wsUrl];
      await swarm.each(() => ({ cmd: 'connect', urls, token, count: clients / WORKERS, board, concurrency: 50 }));
      await swarm.each(() => ({ cmd: 'collect' }));
      const { storms, resubscribedMs, moved, caught, usage, waited, collected } = await storm(ctx, swarm, board);
      const missed = sumOf(collected, (c) => c.gaps) + sumOf(caught, (c) => c.behind);
      return {
        id: '5',
        title: reconnectScenario.title,
        figures: {
          clients,
          'all resubscribed and caught up': `${Math.round(resubscribedMs)} ms`,
          'clients not resubscribed within 90 s': sumOf(storms, (s) => s.stuck),
          'slowest worker storm': `${Math.round(Math.max(...storms.map((s) => s.ms)))} ms`,
          'moves during the run: sent / acked / nacked / unanswered in 10 s': `${moved.sent.length} / ${moved.acked} / ${moved.nacked} / ${moved.lost}`,
          'events missed (gaps + clients behind)': missed,
          'duplicates seen': sumOf(collected, (c) => c.duplicates),
          ...waitFigures(waited),
          'subscribes refused for now (retryable) and resent': sumOf(collected, (c) => c.retries),
          'snapshots instead of events': sumOf(collected, (c) => c.snapshots),
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
