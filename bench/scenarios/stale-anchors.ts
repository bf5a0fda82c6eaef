import { BoardView } from '../lib/board-view';
import { ProcSampler } from '../lib/proc';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { boardPath, call, createBoard, waitUntilQuiet, type BoardFixture } from '../lib/rest';
import { BenchSocket } from '../lib/socket';
import { nowMs, sleep, summarize } from '../lib/stats';

const MOVERS = 50;
const CARDS = 60;
// At most 10 moves/s per mover, each a user of their own: under the per-user budget of 20/s.
const PACE_MS = 100;
const ANSWER_TIMEOUT_MS = 10_000;

interface Tally {
  sent: number;
  acked: number;
  lost: number;
  rateLimited: number;
  /** Refusals (nacks other than rate_limited) by code. */
  refused: Record<string, number>;
  readonly latencies: number[];
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

/** A move of a random card to a random place in a random list, its anchors taken from `view`. */
const randomMove = (board: BoardFixture, view: BoardView) => {
  const cardId = pick(board.cards);
  const toListId = pick(board.lists);
  const others = view.inList(toListId).filter((id) => id !== cardId);
  // -1: the top of the list (before the first card); i: after card i and before card i + 1.
  const i = Math.floor(Math.random() * (others.length + 1)) - 1;
  const after = i >= 0 ? others[i] : undefined;
  const before = others[i + 1];
  return {
    kind: 'card.move',
    cardId,
    toListId,
    ...(after !== undefined && { afterCardId: after }),
    ...(before !== undefined && { beforeCardId: before }),
  };
};

/** One mover: closed loop, paced, until `end`. */
const mover = async (socket: BenchSocket, board: BoardFixture, view: BoardView, end: number, tally: Tally) => {
  while (nowMs() < end) {
    const started = nowMs();
    const { answer } = socket.mutate(board.teamId, board.boardId, randomMove(board, view));
    tally.sent += 1;
    const reply = await Promise.race([answer, sleep(ANSWER_TIMEOUT_MS).then(() => null)]);
    if (reply === null) tally.lost += 1;
    else if (reply.type === 'ack') {
      tally.acked += 1;
      tally.latencies.push(nowMs() - started);
    } else if (reply.error?.code === 'rate_limited') tally.rateLimited += 1;
    else {
      const code = reply.error?.code ?? 'unknown';
      tally.refused[code] = (tally.refused[code] ?? 0) + 1;
    }
    await sleep(Math.max(0, PACE_MS - (nowMs() - started)));
  }
};

/** How the server placed the moves after `seq` (`data.placement` of each card.moved event). */
const placements = async (ctx: ScenarioContext, board: BoardFixture, after: number) => {
  const counts: Record<string, number> = {};
  let from = after;
  for (;;) {
    const page = await call<{
      events: { seq: number; kind: string; data: { placement?: string } }[];
      hasMore: boolean;
    }>(ctx.crew.owner, 'GET', `${boardPath(board.teamId, board.boardId)}/events?after=${from}&limit=1000`);
    for (const e of page.events)
      if (e.kind === 'card.moved')
        counts[e.data.placement ?? 'unrecorded'] = (counts[e.data.placement ?? 'unrecorded'] ?? 0) + 1;
    from = page.events[page.events.length - 1]?.seq ?? from;
    if (!page.hasMore || page.events.length === 0) return counts;
  }
};

/**
 * Every card once, no two cards of a list on the same rank, and the views (the movers' picture of the
 * board, kept from events) equal to the board: otherwise the anchors were stale for a bench bug.
 */
const integrity = async (ctx: ScenarioContext, board: BoardFixture, views: readonly BoardView[]) => {
  const snap = await call<{ cards: { id: string; listId: string; rank: string }[] }>(
    ctx.crew.owner,
    'GET',
    boardPath(board.teamId, board.boardId),
  );
  const ids = new Set(snap.cards.map((c) => c.id));
  const missing = board.cards.filter((id) => !ids.has(id)).length;
  const duplicated = snap.cards.length - ids.size;
  const ranks = new Set(snap.cards.map((c) => `${c.listId}/${c.rank}`));
  const order = (listId: string) =>
    snap.cards
      .filter((c) => c.listId === listId)
      .sort((x, y) => (x.rank < y.rank ? -1 : x.rank > y.rank ? 1 : 0))
      .map((c) => c.id)
      .join();
  const viewsOff = views.filter((v) => board.lists.some((l) => v.inList(l).join() !== order(l))).length;
  return { missing, duplicated, ties: snap.cards.length - ranks.size, viewsOff };
};

export const staleAnchorsScenario: Scenario = {
  id: '11',
  title: `Stale anchors: ${MOVERS} concurrent movers placing cards next to cards that are moving`,
  run: async (ctx): Promise<ScenarioResult> => {
    const seconds = ctx.quick ? 4 : 10;
    const board = await createBoard(() => ctx.crew.session(), ctx.crew.teamId, CARDS);
    const [a, b] = ctx.env.instances;
    const views = [
      await BoardView.follow(ctx.crew.owner, a.wsUrl, board.teamId, board.boardId),
      await BoardView.follow(ctx.crew.owner, b.wsUrl, board.teamId, board.boardId),
    ];
    const { seq: before } = await call<{ seq: number }>(ctx.crew.owner, 'GET', boardPath(board.teamId, board.boardId));
    const sockets = ctx.crew
      .tokens(MOVERS)
      .map((t, i) => new BenchSocket([a, b][i % 2]?.wsUrl as string, t, `anchor-mover-${i}`));
    await Promise.all(sockets.map((s) => s.open()));
    const tally: Tally = { sent: 0, acked: 0, lost: 0, rateLimited: 0, refused: {}, latencies: [] };
    const sampler = new ProcSampler(ctx.env.watched);
    sampler.start();
    const end = nowMs() + seconds * 1000;
    await Promise.all(sockets.map((s, i) => mover(s, board, views[i % 2] as BoardView, end, tally)));
    const usage = sampler.stop();
    sockets.forEach((s) => s.close());
    const drained = await waitUntilQuiet(ctx.crew.owner, board);
    const placed = await placements(ctx, board, before);
    const intact = await integrity(ctx, board, views);
    views.forEach((v) => v.close());
    const refusals = Object.values(tally.refused).reduce((s, n) => s + n, 0);
    const stale = (placed.anchor_missing_before ?? 0) + (placed.anchor_missing_end ?? 0);
    const broken = intact.missing + intact.duplicated + intact.ties;
    return {
      id: '11',
      title: staleAnchorsScenario.title,
      figures: {
        'movers (each a user and a socket, half on each instance)': MOVERS,
        'cards on the board (2 lists)': CARDS,
        'moves sent / acked / refused / rate limited / unanswered in 10 s': `${tally.sent} / ${tally.acked} / ${refusals} / ${tally.rateLimited} / ${tally.lost}`,
        'refusals by code': JSON.stringify(tally.refused),
        'moves acked/s': Math.round(tally.acked / seconds),
        'moves placed by the server (event placement)': JSON.stringify(placed),
        'moves whose anchor had left the target list': stale,
        'after the run: cards missing / duplicated / rank ties in a list': `${intact.missing} / ${intact.duplicated} / ${intact.ties}`,
        "movers' views (one per instance) that differ from the board after the run": intact.viewsOff,
        'backlog drained after the phase': `${drained.waitedMs} ms${drained.quiet ? '' : ' (still moving: gave up)'}`,
      },
      latencies: { 'move -> ack': summarize(tally.latencies) },
      targets: [
        { ref: 'T8', name: 'stale-anchor refusals', target: '0', actual: String(refusals), met: refusals === 0 },
        {
          name: 'board intact after the run',
          target: 'every card once, no rank ties',
          actual: `${intact.missing} missing, ${intact.duplicated} duplicated, ${intact.ties} ties`,
          met: broken === 0,
        },
      ],
      usage,
      notes: [
        `${seconds} s; each mover moves a random card of ${CARDS} to a random place in one of 2 lists (after one card and before the next, as its instance's view shows them), waits for the answer, at most one move per ${PACE_MS} ms`,
        "each instance's movers pick anchors from a view of the board that follows that instance's events, so an anchor may have moved by the time the server decides",
        'refusals are nacks other than rate_limited; "anchor had left the target list" counts events placed by the stale-anchor rule (anchor_missing_*)',
        ...(stale === 0
          ? ['no anchor had left its list by the time the server decided: the check saw no stale anchor']
          : []),
      ],
    };
  },
};
