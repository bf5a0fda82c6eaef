import { samplerWithClients, waitFigures } from '../lib/measure';
import { poolResults, usersForRate, type MoveResult } from '../lib/movers';
import { WaitSampler } from '../lib/pg-waits';
import type { Scenario, ScenarioContext, ScenarioResult, TargetCheck } from '../lib/report';
import { createBoard, waitUntilQuiet, type BoardFixture } from '../lib/rest';
import { round, summarize, type Summary } from '../lib/stats';
import { Swarm } from '../lib/swarm';

const RATE = 1000;
const PER_INSTANCE = RATE / 2;
// Half a second of an instance's moves unanswered: far past the 50 ms p99, so the target is missed and
// offering more would only queue moves in the server.
const maxInFlightFor = (rate: number) => Math.max(10, rate / 4);
const MAX_IN_FLIGHT = maxInFlightFor(RATE);
const P99_TARGET_MS = 50;
// A server that keeps up acks all but the last ~p99 of moves inside the window.
const KEPT_UP_SHARE = 0.98;
// The backlog a server that keeps up has at any moment is rate x latency: 50 moves at 50 ms.
const BACKLOG_LIMIT = RATE * 0.1;

/** Whether the server kept up with the schedule, and if not, how it showed. */
const fellBehind = (moved: MoveResult): string => {
  if (moved.stoppedEarly > 0) return `yes: offering stopped at ${MAX_IN_FLIGHT} unanswered moves on an instance`;
  if (moved.unansweredAtEnd > BACKLOG_LIMIT) return `yes: ${moved.unansweredAtEnd} moves unanswered at the end`;
  return 'no';
};

/** Moves acked per second from the first send to the last ack: the rate the server sustained. */
const achievedRate = (moved: MoveResult): number => {
  const first = Math.min(...moved.sent.map(([, at]) => at));
  return moved.acked === 0 ? 0 : Math.round(moved.acked / ((moved.lastAckAt - first) / 1000));
};

const targets = (achieved: number, ack: Summary, behind: string): TargetCheck[] => [
  {
    ref: 'T3',
    name: `one board: moves acked/s, ${RATE} offered`,
    target: `>= ${RATE * KEPT_UP_SHARE}`,
    actual: String(achieved),
    met: achieved >= RATE * KEPT_UP_SHARE,
  },
  {
    ref: 'T3',
    name: 'one board: p99 ack',
    target: `<= ${P99_TARGET_MS} ms`,
    actual: `${ack.p99} ms`,
    met: ack.p99 <= P99_TARGET_MS,
  },
  { ref: 'T3', name: 'one board: fell behind the schedule', target: 'no', actual: behind, met: behind === 'no' },
];

/** Offers `rate` moves/s, half from a client process on each instance, for `seconds`. */
const offer = async (ctx: ScenarioContext, swarm: Swarm, board: BoardFixture, rate: number, seconds: number) => {
  const urls = ctx.env.instances.map((i) => i.wsUrl);
  const results = await swarm.each<MoveResult>((i) => ({
    cmd: 'move',
    specs: [
      {
        url: urls[i] as string,
        tokens: ctx.crew.tokens(usersForRate(rate / 2)),
        board,
        ratePerSecond: rate / 2,
        maxInFlight: maxInFlightFor(rate),
      },
    ],
    durationMs: seconds * 1000,
  }));
  return poolResults(results);
};

export const oneBoardRateScenario: Scenario = {
  id: '10',
  title: `One board: ${RATE} moves/s offered (open loop) over 2 instances`,
  run: async (ctx): Promise<ScenarioResult> => {
    const seconds = ctx.quick ? 3 : 10;
    const board = await createBoard(() => ctx.crew.session(), ctx.crew.teamId, 40);
    const server = await ctx.env.serverOf(board.teamId);
    const swarm = Swarm.start(2);
    try {
      // A second at a tenth of the rate first, so first-use costs (JIT, connections) are not measured.
      await offer(ctx, swarm, board, RATE / 10, 1);
      await waitUntilQuiet(ctx.crew.owner, board, 500, 30_000);
      const sampler = samplerWithClients(ctx.env, swarm);
      const waits = new WaitSampler(server.databaseUrl('postgres'));
      sampler.start();
      await waits.start();
      const moved = await offer(ctx, swarm, board, RATE, seconds);
      const usage = sampler.stop();
      const waited = await waits.stop();
      const drained = await waitUntilQuiet(ctx.crew.owner, board);
      const ack = summarize(moved.ackLatencies);
      const achieved = achievedRate(moved);
      const behind = fellBehind(moved);
      return {
        id: '10',
        title: oneBoardRateScenario.title,
        figures: {
          'offered moves/s': `${RATE} (${PER_INSTANCE} on each instance)`,
          'moves sent / acked / nacked / unanswered in 10 s': `${moved.sent.length} / ${moved.acked} / ${moved.nacked} / ${moved.lost}`,
          'moves acked/s (first send -> last ack)': achieved,
          'moves acked inside the window, per second': round(moved.ackedInWindow / seconds, 1),
          'fell behind': behind,
          'unanswered when the window ended': moved.unansweredAtEnd,
          'nacks by code (rate_limited would mean a policy was measured)': JSON.stringify(moved.nackCodes),
          'clients: most a move left behind its schedule': `${moved.maxSendLagMs} ms`,
          'backlog drained after the phase': `${drained.waitedMs} ms${drained.quiet ? '' : ' (still moving: gave up)'}`,
          ...waitFigures(waited),
        },
        latencies: { 'move -> ack': ack },
        targets: targets(achieved, ack, behind),
        usage,
        notes: [
          `${seconds} s; each instance gets ${PER_INSTANCE} moves/s from its own client process, sent on schedule whatever the answers`,
          `moves are spread over ${usersForRate(PER_INSTANCE)} users per instance (about 12 moves/s each), under the per-user budget of 20/s and the socket's 50 messages/s`,
          `an instance's client stops offering at ${MAX_IN_FLIGHT} unanswered moves (the target is missed by then); acks are still counted to the end`,
        ],
      };
    } finally {
      await swarm.stop();
    }
  },
};
