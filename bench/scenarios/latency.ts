import { StatementCounter } from '../lib/pg-statements';
import { ProcSampler } from '../lib/proc';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { boardPath, call, createBoard, type BoardFixture } from '../lib/rest';
import { BenchSocket } from '../lib/socket';
import { nowMs, sleep, summarize } from '../lib/stats';

// 40 moves/s spread over 4 users' sockets stays under the per-socket and per-user limits, and each move
// is measured on an otherwise idle system.
const PACE_MS = 25;
const MOVER_USERS = 4;

/** Moves over WS on A, one at a time; B's subscriber times each from send to receipt. */
const overSockets = async (ctx: ScenarioContext, board: BoardFixture, moves: number) => {
  const [a, b] = ctx.env.instances;
  const movers = ctx.crew.tokens(MOVER_USERS).map((t, i) => new BenchSocket(a.wsUrl, t, `latency-mover-${i}`));
  const watcher = new BenchSocket(b.wsUrl, ctx.crew.session().token, 'latency-watcher');
  await Promise.all([...movers, watcher].map((s) => s.open()));
  await watcher.subscribe(board.teamId, board.boardId);
  const seenAt = new Map<string, number>();
  let notify: (() => void) | null = null;
  watcher.onEvent = ({ mid, at }) => {
    if (mid !== null) seenAt.set(mid, at);
    notify?.();
  };
  const toOther: number[] = [];
  const ack: number[] = [];
  for (let i = 0; i < moves; i++) {
    const cardId = board.cards[i % board.cards.length] as string;
    const started = nowMs();
    const mover = movers[i % movers.length] as BenchSocket;
    const { mid, answer } = mover.mutate(board.teamId, board.boardId, {
      kind: 'card.move',
      cardId,
      toListId: board.lists[(Math.floor(i / board.cards.length) + 1) % 2],
    });
    const reply = await answer;
    if (reply.type !== 'ack') throw new Error(`move refused: ${JSON.stringify(reply)}`);
    ack.push(nowMs() - started);
    while (!seenAt.has(mid)) await new Promise<void>((resolve) => (notify = resolve));
    toOther.push((seenAt.get(mid) as number) - started);
    await sleep(PACE_MS);
  }
  [...movers, watcher].forEach((s) => s.close());
  return { toOther, ack, gaps: watcher.gaps + watcher.duplicates };
};

/** The same moves over REST on A, one at a time, timed to the end of the response. */
const overRest = async (ctx: ScenarioContext, board: BoardFixture, moves: number) => {
  const times: number[] = [];
  const base = boardPath(board.teamId, board.boardId);
  for (let i = 0; i < moves; i++) {
    const cardId = board.cards[i % board.cards.length] as string;
    const started = nowMs();
    await call(ctx.crew.session(), 'POST', `${base}/cards/${cardId}/move`, { toListId: board.lists[i % 2] });
    times.push(nowMs() - started);
  }
  return times;
};

export const latencyScenario: Scenario = {
  id: '1',
  title: 'Move latency (WS on A -> subscriber on B; REST round trip)',
  run: async (ctx): Promise<ScenarioResult> => {
    const moves = ctx.quick ? 100 : 1000;
    const board = await createBoard(() => ctx.crew.session(), ctx.crew.teamId, 20);
    const sampler = new ProcSampler(ctx.env.watched);
    const statements = new StatementCounter(ctx.env.pg);
    sampler.start();
    await statements.start();
    const ws = await overSockets(ctx, board, moves);
    const perMove = await statements.stop(moves);
    const rest = await overRest(ctx, board, moves);
    const usage = sampler.stop();
    const toOther = summarize(ws.toOther);
    return {
      id: '1',
      title: latencyScenario.title,
      figures: {
        moves: moves,
        'gaps seen by the subscriber': ws.gaps,
        ...Object.fromEntries(Object.entries(perMove).map(([db, n]) => [`SQL statements per WS move: ${db}`, n])),
      },
      latencies: {
        'move -> other client (A -> B)': toOther,
        'WS move -> ack (A)': summarize(ws.ack),
        'REST move round trip (A)': summarize(rest),
      },
      targets: [
        { name: 'move -> other client p50', target: '<= 3 ms', actual: `${toOther.p50} ms`, met: toOther.p50 <= 3 },
        { name: 'move -> other client p99', target: '<= 15 ms', actual: `${toOther.p99} ms`, met: toOther.p99 <= 15 },
      ],
      usage,
      notes: [`one move at a time, ${PACE_MS} ms apart; durable commit (fsync) on every move`],
    };
  },
};
