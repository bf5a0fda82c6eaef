import { runMovers } from '../lib/movers';
import { ProcSampler } from '../lib/proc';
import type { Scenario, ScenarioResult } from '../lib/report';
import { createBoard, createTeam } from '../lib/rest';
import { sleep, summarize } from '../lib/stats';
import { Swarm } from '../lib/swarm';

interface Collected {
  deliveries: number;
  perMid: [string, number, number][];
  gaps: number;
  duplicates: number;
  errors: string[];
}

const WORKERS = 2;
const RATE = 200;

export const fanOutScenario: Scenario = {
  id: '3',
  title: `Fan-out: one board, subscribers split over 2 instances, ${RATE} moves/s`,
  run: async (ctx): Promise<ScenarioResult> => {
    const subscribers = ctx.quick ? 300 : 1000;
    const seconds = ctx.quick ? 3 : 10;
    const [a, b] = ctx.env.instances;
    const team = await createTeam(ctx.session, 'Fan-out');
    const board = await createBoard(ctx.session, team, 40);
    const swarm = Swarm.start(WORKERS);
    try {
      // Worker i holds its share of subscribers on instance i, so each instance fans out to half.
      await swarm.each((i) => ({
        cmd: 'connect',
        urls: [[a, b][i]?.wsUrl as string],
        token: ctx.session.token,
        count: subscribers / WORKERS,
        board,
        concurrency: 50,
      }));
      const sampler = new ProcSampler([
        ...ctx.env.watched,
        ...swarm.pids.map((pid, i) => ({ name: `clients ${i}`, pid, withChildren: false })),
      ]);
      sampler.start();
      const moved = await runMovers([{ url: a.wsUrl, token: ctx.session.token, board, ratePerSecond: RATE }], seconds * 1000);
      await sleep(1000);
      const usage = sampler.stop();
      const collected = await swarm.each<Collected>(() => ({ cmd: 'collect' }));
      const last = new Map<string, [number, number]>();
      for (const c of collected)
        for (const [mid, at, n] of c.perMid) {
          const seen = last.get(mid) ?? [0, 0];
          last.set(mid, [Math.max(seen[0], at), seen[1] + n]);
        }
      const toLast = moved.sent.flatMap(([mid, sent]) => {
        const seen = last.get(mid);
        return seen && seen[1] === subscribers ? [seen[0] - sent] : [];
      });
      const incomplete = moved.sent.length - toLast.length;
      const deliveries = collected.reduce((s, c) => s + c.deliveries, 0);
      const perInstance = Math.round(deliveries / seconds / 2);
      return {
        id: '3',
        title: fanOutScenario.title,
        figures: {
          subscribers,
          'moves sent / acked': `${moved.sent.length} / ${moved.acked}`,
          'deliveries/s (both instances)': Math.round(deliveries / seconds),
          'deliveries/s per instance': perInstance,
          'moves not delivered to every subscriber': incomplete,
          'gaps / duplicates seen': `${collected.reduce((s, c) => s + c.gaps, 0)} / ${collected.reduce((s, c) => s + c.duplicates, 0)}`,
        },
        latencies: { 'move -> last subscriber': summarize(toLast), 'move -> ack': summarize(moved.ackLatencies) },
        targets: [
          {
            name: 'deliveries/s per instance',
            target: '>= 100000',
            actual: String(perInstance),
            met: perInstance >= 100_000,
          },
        ],
        usage,
        notes: [
          `${seconds} s at ${RATE} moves/s sent open loop from one client on A; deliveries counted by the clients`,
          `at ${RATE} moves/s x ${subscribers} subscribers the offered load is ${(RATE * subscribers) / 2} deliveries/s per instance`,
          ...collected.flatMap((c) => c.errors),
        ],
      };
    } finally {
      await swarm.stop();
    }
  },
};
