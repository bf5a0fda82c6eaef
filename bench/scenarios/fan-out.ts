import type { BenchEnv } from '../env/environment';
import {
  bestSustained,
  deliveryOptions,
  describeStep,
  measureDeliveryPath,
  type DeliveryStep,
} from '../fan-out-delivery';
import { runMovers, usersForRate } from '../lib/movers';
import { WaitSampler } from '../lib/pg-waits';
import { samplerWithClients, sumOf, waitFigures } from '../lib/measure';
import type { ProcUsage } from '../lib/proc';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { createBoard, type BoardFixture } from '../lib/rest';
import { sleep, summarize, type Summary } from '../lib/stats';
import { Swarm } from '../lib/swarm';

interface Collected {
  deliveries: number;
  perMid: [string, number, number][];
  gaps: number;
  duplicates: number;
  errors: string[];
}

const WORKERS = 2;
// First a rate one board's writes sustain on this machine, so the delivery path is measured without a
// write backlog in front of it; then the rate. In that order because an overloaded phase leaves
// mutations queued in the server (each socket's are handled in order) that would spill into the next.
const RATES = [25, 200];

interface Phase {
  readonly figures: Record<string, number | string>;
  readonly latencies: Record<string, Summary>;
  readonly perInstance: number;
  readonly usage: readonly ProcUsage[];
  readonly errors: readonly string[];
}

const runPhase = async (
  ctx: ScenarioContext,
  swarm: Swarm,
  board: BoardFixture,
  rate: number,
  subscribers: number,
): Promise<Phase> => {
  const seconds = ctx.quick ? 3 : 10;
  const env: BenchEnv = ctx.env;
  const sampler = samplerWithClients(env, swarm);
  const waits = new WaitSampler((await env.serverOf(board.teamId)).databaseUrl('postgres'));
  await swarm.each(() => ({ cmd: 'collect' }));
  sampler.start();
  await waits.start();
  const mover = {
    url: env.instances[0].wsUrl,
    tokens: ctx.crew.tokens(usersForRate(rate)),
    board,
    ratePerSecond: rate,
  };
  const moved = await runMovers([mover], seconds * 1000);
  await sleep(2000);
  const usage = sampler.stop();
  const waited = await waits.stop();
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
  const deliveries = sumOf(collected, (c) => c.deliveries);
  const perInstance = Math.round(deliveries / seconds / 2);
  const at = `@ ${rate}/s`;
  return {
    figures: {
      [`moves sent / acked / nacked ${at}`]: `${moved.sent.length} / ${moved.acked} / ${moved.nacked} ${JSON.stringify(moved.nackCodes)}`,
      [`deliveries/s per instance ${at}`]: perInstance,
      [`moves not at every subscriber 2 s after the last send ${at}`]: moved.sent.length - toLast.length,
      [`gaps / duplicates seen ${at}`]: `${sumOf(collected, (c) => c.gaps)} / ${sumOf(collected, (c) => c.duplicates)}`,
      ...waitFigures(waited, `pg backends ${at}`),
    },
    latencies: {
      [`move -> last subscriber ${at}`]: summarize(toLast),
      [`move -> ack ${at}`]: summarize(moved.ackLatencies),
    },
    perInstance,
    usage: usage.map((u) => ({ ...u, name: `${u.name} ${at}` })),
    errors: collected.flatMap((c) => c.errors),
  };
};

/** The delivery path alone (bench/fan-out-delivery.ts): its figures, target and notes for this scenario. */
const deliveryPath = (steps: readonly DeliveryStep[]) => {
  const best = bestSustained(steps);
  const label = (s: DeliveryStep) => `delivery path alone @ ${s.rate} events/s`;
  return {
    figures: Object.fromEntries(
      steps.flatMap((s) => [
        [`${label(s)}: deliveries/s offered / delivered`, `${s.offeredPerSecond} / ${s.deliveredPerSecond}`],
        [
          `${label(s)}: incomplete / gaps / dups / resyncs`,
          `${s.incomplete} / ${s.gaps} / ${s.duplicates} / ${s.resyncs}`,
        ],
        [`${label(s)}: server CPU per delivery (us)`, s.serverCpuUsPerDelivery],
      ]),
    ),
    latencies: Object.fromEntries(steps.map((s) => [`publish -> last subscriber, ${label(s)}`, s.toLast])),
    target: {
      name: 'deliveries/s per instance, delivery path alone (1 instance, 1,000 subscribers, memory bus)',
      target: '>= 100000',
      actual: best ? `${best.deliveredPerSecond} (kept pace at ${best.rate} events/s)` : 'kept pace with no step',
      met: (best?.deliveredPerSecond ?? 0) >= 100_000,
    },
    notes: [
      'delivery path alone: bench/fan-out-delivery.ts, one STORAGE=memory instance in the bench process, 1,000 ws clients in one process, events published on its bus; kept pace = everything delivered, no resync, >= 95 % of the offered rate',
      ...steps.map(describeStep),
    ],
  };
};

/** Both instances' shares of `subscribers` on one board, through the full write path at each rate. */
const endToEnd = async (ctx: ScenarioContext, subscribers: number): Promise<Phase[]> => {
  const [a, b] = ctx.env.instances;
  const board = await createBoard(() => ctx.crew.session(), ctx.crew.teamId, 40);
  const swarm = Swarm.start(WORKERS);
  try {
    // Worker i holds its share of subscribers on instance i, so each instance fans out to half.
    await swarm.each((i) => ({
      cmd: 'connect',
      urls: [[a, b][i]?.wsUrl as string],
      token: ctx.crew.session().token,
      count: subscribers / WORKERS,
      board,
      concurrency: 50,
    }));
    const phases: Phase[] = [];
    for (const rate of RATES) {
      phases.push(await runPhase(ctx, swarm, board, rate, subscribers));
      await sleep(3000);
    }
    return phases;
  } finally {
    await swarm.stop();
  }
};

export const fanOutScenario: Scenario = {
  id: '3',
  title: `Fan-out: one board, subscribers split over 2 instances, ${RATES.join(' then ')} moves/s; then the delivery path alone`,
  run: async (ctx): Promise<ScenarioResult> => {
    const subscribers = ctx.quick ? 300 : 1000;
    const phases = await endToEnd(ctx, subscribers);
    // Then the delivery path alone, with the write path out of the way (its own instance and clients).
    const alone = deliveryPath(await measureDeliveryPath(deliveryOptions(ctx.quick)));
    const best = Math.max(...phases.map((p) => p.perInstance));
    return {
      id: '3',
      title: fanOutScenario.title,
      figures: { subscribers, ...Object.assign({}, ...phases.map((p) => p.figures)), ...alone.figures },
      latencies: { ...Object.assign({}, ...phases.map((p) => p.latencies)), ...alone.latencies },
      targets: [
        { name: 'deliveries/s per instance', target: '>= 100000', actual: String(best), met: best >= 100_000 },
        alone.target,
      ],
      usage: phases.flatMap((p) => p.usage),
      notes: [
        `${ctx.quick ? 3 : 10} s per rate, moves sent open loop from one client on A; deliveries counted by the clients`,
        `offered load per instance: rate x ${subscribers / 2} subscribers (${RATES.map((r) => (r * subscribers) / 2).join(', ')} deliveries/s)`,
        ...phases.flatMap((p) => p.errors).slice(0, 5),
        ...alone.notes,
      ],
    };
  },
};
