// `npx tsx bench/fan-out-delivery.ts [--quick] [--subscribers 1000] [--rates 50,100,150,200,300] [--seconds 5]`
// The delivery path alone: one instance (STORAGE=memory, in this process) with every subscriber of one
// board on it, real `ws` clients over loopback in a client process, and events published straight on
// the instance's bus, so neither Postgres nor the write path limits what is fanned out. Scenario 3
// (bench/scenarios/fan-out.ts) runs it and reports its figure beside the end-to-end one.
import pino from 'pino';
import client from 'prom-client';
import { configFromEnv } from '../src/adapters/config/config';
import { TOKENS } from '../src/adapters/tokens';
import type { EventPublisher } from '../src/application/ports';
import type { BoardEventRecord } from '../src/domain';
import { startServer, type RunningServer } from '../src/server';
import { ProcSampler, type ProcUsage } from './lib/proc';
import { boardPath, call, createBoard, signUp, type BoardFixture, type Session } from './lib/rest';
import { nowMs, sleep, summarize, type Summary } from './lib/stats';
import { Swarm } from './lib/swarm';

export interface DeliveryOptions {
  readonly subscribers: number;
  /** Events per second published on the board, one step each, in this order. */
  readonly rates: readonly number[];
  readonly seconds: number;
}

/** One offered rate, as the clients saw it. */
export interface DeliveryStep {
  readonly rate: number;
  readonly offeredPerSecond: number;
  /** Frames received by all clients / (first publish -> last arrival), so a backlog drained late counts against it. */
  readonly deliveredPerSecond: number;
  readonly published: number;
  /** Events that had not reached every subscriber when the step ended (drain included). */
  readonly incomplete: number;
  readonly gaps: number;
  readonly duplicates: number;
  /** Subscriptions the server switched to resync (slow consumers) during the step. */
  readonly resyncs: number;
  /** Publish -> arrival at the last subscriber, per event. */
  readonly toLast: Summary;
  /** CPU time (user + system) of the process holding the instance (publisher included) per delivery, in us. */
  readonly serverCpuUsPerDelivery: number;
  readonly usage: readonly ProcUsage[];
}

interface Collected {
  deliveries: number;
  perMid: [string, number, number][];
  gaps: number;
  duplicates: number;
  errors: string[];
}

const JWT_SECRET = 'fan-out-delivery-bench-secret-at-least-32-bytes';
// Time the clients get after the last publish to read what is still in flight before the step is cut.
const DRAIN_MS = 10_000;

const startInstance = (): Promise<RunningServer> =>
  startServer({
    config: configFromEnv({
      STORAGE: 'memory',
      JWT_SECRET,
      // One user holds every subscriber socket; the per-user socket cap is not what this measures.
      WS_MAX_SOCKETS_PER_USER: '10000',
      LOG_LEVEL: 'warn',
    }),
    logger: pino({ level: 'warn' }),
    port: 0,
    host: '127.0.0.1',
  });

/** A real card move's event, read back from the log, as the shape every published copy takes. */
const moveEvent = async (session: Session, board: BoardFixture): Promise<BoardEventRecord> => {
  const base = boardPath(board.teamId, board.boardId);
  await call(session, 'POST', `${base}/cards/${board.cards[0]}/move`, { toListId: board.lists[1] });
  const page = await call<{ events: BoardEventRecord[] }>(session, 'GET', `${base}/events?after=0`);
  const last = page.events.at(-1);
  if (last?.kind !== 'card.moved') throw new Error(`expected a card.moved event, got ${last?.kind}`);
  return last;
};

const resyncCount = async (): Promise<number> => {
  const metric = client.register.getSingleMetric('ws_resyncs_total');
  const values = metric ? (await metric.get()).values : [];
  return values.reduce((sum, v) => sum + v.value, 0);
};

/**
 * Publishes `rate` events a second for `ms`. The loop wakes every millisecond and publishes every event
 * due since its last run, as a bus reading its socket hands over every message that arrived meanwhile:
 * when fan-out falls behind, events arrive in bursts, as they would from Redis.
 */
const publishAt = async (
  bus: EventPublisher,
  template: BoardEventRecord,
  firstSeq: number,
  rate: number,
  ms: number,
) => {
  const sent: [string, number][] = [];
  const started = nowMs();
  let seq = firstSeq;
  while (nowMs() - started < ms) {
    const due = Math.floor(((nowMs() - started) / 1000) * rate) - (seq - firstSeq);
    // Stops on time even mid-burst: a saturated instance publishes fewer events, not a longer step.
    for (let i = 0; i < due && nowMs() - started < ms; i++) {
      seq += 1;
      const mid = `fan-${seq}`;
      sent.push([mid, nowMs()]);
      const at = new Date().toISOString();
      await bus.publish({ ...template, seq, origin: { clientId: 'fan-out-bench', mid }, at })();
    }
    await sleep(1);
  }
  return { sent, lastSeq: seq, started };
};

const runStep = async (
  ctx: { bus: EventPublisher; template: BoardEventRecord; swarm: Swarm; subscribers: number },
  firstSeq: number,
  rate: number,
  seconds: number,
): Promise<DeliveryStep & { lastSeq: number }> => {
  const { swarm, subscribers } = ctx;
  await swarm.each(() => ({ cmd: 'collect' }));
  const resyncsBefore = await resyncCount();
  const sampler = new ProcSampler([
    { name: 'server', pid: process.pid, withChildren: false },
    ...swarm.pids.map((pid, i) => ({ name: `clients ${i}`, pid, withChildren: false })),
  ]);
  sampler.start();
  const cpuBefore = process.cpuUsage();
  const { sent, lastSeq, started } = await publishAt(ctx.bus, ctx.template, firstSeq, rate, seconds * 1000);
  await swarm.each(() => ({ cmd: 'until', seq: lastSeq, timeoutMs: DRAIN_MS }));
  const cpu = process.cpuUsage(cpuBefore);
  const usage = sampler.stop();
  const collected = await swarm.each<Collected>(() => ({ cmd: 'collect' }));
  const last = new Map<string, [number, number]>();
  for (const c of collected)
    for (const [mid, at, n] of c.perMid) {
      const seen = last.get(mid) ?? [0, 0];
      last.set(mid, [Math.max(seen[0], at), seen[1] + n]);
    }
  const toLast = sent.flatMap(([mid, at]) => {
    const seen = last.get(mid);
    return seen && seen[1] === subscribers ? [seen[0] - at] : [];
  });
  const deliveries = collected.reduce((s, c) => s + c.deliveries, 0);
  const lastArrival = Math.max(started, ...[...last.values()].map(([at]) => at));
  return {
    rate,
    offeredPerSecond: rate * subscribers,
    deliveredPerSecond: Math.round(deliveries / Math.max(0.001, (lastArrival - started) / 1000)),
    published: sent.length,
    incomplete: sent.length - toLast.length,
    gaps: collected.reduce((s, c) => s + c.gaps, 0),
    duplicates: collected.reduce((s, c) => s + c.duplicates, 0),
    resyncs: (await resyncCount()) - resyncsBefore,
    toLast: summarize(toLast),
    serverCpuUsPerDelivery: Math.round(((cpu.user + cpu.system) / Math.max(1, deliveries)) * 100) / 100,
    usage,
    lastSeq,
  };
};

/** Starts the instance and the clients, runs every rate step, and tears everything down. */
export const measureDeliveryPath = async (opts: DeliveryOptions): Promise<DeliveryStep[]> => {
  const running = await startInstance();
  const swarm = Swarm.start(1);
  try {
    const session = await signUp(`http://127.0.0.1:${running.port}`, 'fan-out');
    const { team } = await call<{ team: { id: string } }>(session, 'POST', '/api/teams', { name: 'Fan-out' });
    const board = await createBoard(() => session, team.id, 4);
    const template = await moveEvent(session, board);
    await swarm.call(0, {
      cmd: 'connect',
      urls: [`ws://127.0.0.1:${running.port}/ws`],
      token: session.token,
      count: opts.subscribers,
      board,
      concurrency: 50,
    });
    const bus = running.container.get(TOKENS.Events);
    const ctx = { bus, template, swarm, subscribers: opts.subscribers };
    const steps: DeliveryStep[] = [];
    let seq = template.seq;
    for (const rate of opts.rates) {
      const step = await runStep(ctx, seq, rate, opts.seconds);
      seq = step.lastSeq;
      steps.push(step);
      await sleep(1000);
    }
    return steps;
  } finally {
    await swarm.stop();
    await running.stop();
  }
};

/**
 * A step the instance kept pace with: every event at every subscriber, no resync, no gap or duplicate,
 * and at least 95 % of the offered deliveries per second (a saturated step delivers less, later).
 */
export const keptPace = (s: DeliveryStep): boolean =>
  s.incomplete === 0 &&
  s.resyncs === 0 &&
  s.gaps === 0 &&
  s.duplicates === 0 &&
  s.deliveredPerSecond >= 0.95 * s.offeredPerSecond;

/** The highest step the instance kept pace with, or null. */
export const bestSustained = (steps: readonly DeliveryStep[]): DeliveryStep | null =>
  steps.filter(keptPace).reduce<DeliveryStep | null>((best, s) => (best && best.rate >= s.rate ? best : s), null);

/** One line per step, for the console and the scenario's notes. */
export const describeStep = (s: DeliveryStep): string =>
  `${s.rate} events/s: offered ${s.offeredPerSecond}/s delivered ${s.deliveredPerSecond}/s, ` +
  `incomplete ${s.incomplete}/${s.published}, gaps ${s.gaps}, dups ${s.duplicates}, resyncs ${s.resyncs}, ` +
  `publish->last p50 ${s.toLast.p50} p99 ${s.toLast.p99} ms, server ${s.serverCpuUsPerDelivery} us CPU/delivery, ` +
  s.usage.map((u) => `${u.name} ${u.cpuPercent}%`).join(', ');

/** The steps `npm run bench` runs; `quick` keeps them short. */
export const deliveryOptions = (quick: boolean): DeliveryOptions => ({
  subscribers: 1000,
  rates: quick ? [100, 200] : [50, 100, 150, 200, 300],
  seconds: quick ? 2 : 5,
});

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

const main = async () => {
  const defaults = deliveryOptions(process.argv.includes('--quick'));
  const opts: DeliveryOptions = {
    subscribers: Number(arg('subscribers') ?? defaults.subscribers),
    rates: arg('rates')?.split(',').map(Number) ?? defaults.rates,
    seconds: Number(arg('seconds') ?? defaults.seconds),
  };
  console.log(`fan-out delivery path: ${JSON.stringify(opts)}`);
  const steps = await measureDeliveryPath(opts);
  steps.forEach((s) => console.log(describeStep(s)));
  const best = bestSustained(steps);
  console.log(`highest rate kept pace with: ${best ? `${best.deliveredPerSecond} deliveries/s` : 'none'}`);
};

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
