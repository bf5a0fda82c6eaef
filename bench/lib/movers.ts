import type { BoardFixture } from './rest';
import { BenchSocket } from './socket';
import { nowMs, sleep } from './stats';

/** One simulated user moving cards on one board. */
export interface MoverSpec {
  readonly url: string;
  /** One socket per token; each should be a different user (the per-user mutation budget is 20/s). */
  readonly tokens: readonly string[];
  readonly board: BoardFixture;
  /** Moves per second, sent on schedule whatever the answers (open loop); absent: next move on each ack. */
  readonly ratePerSecond?: number;
  /**
   * Open loop only: stop offering moves once more than this many are unanswered. A server that has
   * fallen that far behind has missed any latency target already; more moves would only queue in it
   * and spill into the next scenario.
   */
  readonly maxInFlight?: number;
}

export interface MoveResult {
  acked: number;
  nacked: number;
  /** Nacks that were the per-user or per-socket rate limit: the bench then measured a policy. */
  rateLimited: number;
  /** Nacks by error code. */
  nackCodes: Record<string, number>;
  lost: number;
  /** Send -> ack, in ms. */
  readonly ackLatencies: number[];
  /** Each move's mid and when it was sent, on the machine-wide monotonic clock. */
  readonly sent: [string, number][];
  /** Acks received before the mover's duration was over (achieved rate = this / duration). */
  ackedInWindow: number;
  /** Moves still unanswered when the duration was over (summed over movers): the backlog. */
  unansweredAtEnd: number;
  /** Open-loop movers that stopped offering moves at `maxInFlight`. */
  stoppedEarly: number;
  /** When the last ack arrived (monotonic ms; 0 if none). */
  lastAckAt: number;
  /** The most any move left behind its schedule (open loop), in ms: the clients' own lag. */
  maxSendLagMs: number;
}

const ACK_TIMEOUT_MS = 10_000;

interface MoverState {
  /** Moves sent. */
  n: number;
  /** Moves answered (ack, nack or timeout). */
  answered: number;
  /** When the mover's duration is over (monotonic ms). */
  readonly end: number;
  readonly inList: Map<string, number>;
}

const moveOne = async (
  sockets: readonly BenchSocket[],
  spec: MoverSpec,
  state: MoverState,
  result: MoveResult,
): Promise<void> => {
  const { board } = spec;
  const i = state.n++;
  const socket = sockets[i % sockets.length] as BenchSocket;
  const cardId = board.cards[i % board.cards.length] as string;
  const to = 1 - (state.inList.get(cardId) ?? 0);
  state.inList.set(cardId, to);
  const started = nowMs();
  const { mid, answer } = socket.mutate(board.teamId, board.boardId, {
    kind: 'card.move',
    cardId,
    toListId: board.lists[to],
  });
  result.sent.push([mid, started]);
  const outcome = await Promise.race([answer, sleep(ACK_TIMEOUT_MS).then(() => null)]);
  state.answered += 1;
  if (outcome === null) result.lost += 1;
  else if (outcome.type === 'nack') {
    result.nacked += 1;
    const code = outcome.error?.code ?? 'unknown';
    result.nackCodes[code] = (result.nackCodes[code] ?? 0) + 1;
    if (outcome.error?.code === 'rate_limited') result.rateLimited += 1;
  } else {
    const at = nowMs();
    result.acked += 1;
    if (at <= state.end) result.ackedInWindow += 1;
    result.lastAckAt = Math.max(result.lastAckAt, at);
    result.ackLatencies.push(at - started);
  }
};

/** Sends on schedule until the end (or until `maxInFlight` is passed), then waits for every answer. */
const openLoop = async (
  sockets: readonly BenchSocket[],
  spec: MoverSpec & { ratePerSecond: number },
  state: MoverState,
  result: MoveResult,
): Promise<void> => {
  const start = nowMs();
  const inFlight: Promise<void>[] = [];
  let stopped = false;
  while (nowMs() < state.end && !stopped) {
    const due = Math.floor(((nowMs() - start) * spec.ratePerSecond) / 1000) + 1;
    while (state.n < due && !stopped) {
      stopped = spec.maxInFlight !== undefined && state.n - state.answered > spec.maxInFlight;
      if (stopped) break;
      const scheduled = start + (state.n * 1000) / spec.ratePerSecond;
      result.maxSendLagMs = Math.max(result.maxSendLagMs, Math.round(nowMs() - scheduled));
      inFlight.push(moveOne(sockets, spec, state, result));
    }
    await sleep(1);
  }
  if (stopped) {
    result.stoppedEarly += 1;
    // Acks keep counting until the end, so the achieved rate is the server's over the whole window.
    await sleep(Math.max(0, state.end - nowMs()));
  }
  result.unansweredAtEnd += state.n - state.answered;
  await Promise.all(inFlight);
};

const runOne = async (spec: MoverSpec, durationMs: number, result: MoveResult): Promise<void> => {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const sockets = spec.tokens.map((token, i) => new BenchSocket(spec.url, token, `mover-${tag}-${i}`));
  await Promise.all(sockets.map((s) => s.open()));
  const state: MoverState = { n: 0, answered: 0, end: nowMs() + durationMs, inList: new Map() };
  if (spec.ratePerSecond) await openLoop(sockets, { ...spec, ratePerSecond: spec.ratePerSecond }, state, result);
  else while (nowMs() < state.end) await moveOne(sockets, spec, state, result);
  sockets.forEach((s) => s.close());
};

/**
 * Tokens for a mover at `ratePerSecond`: the gateway allows 50 messages/s per socket and the use cases
 * 20 mutations/s per user, so moves are spread over enough users that neither policy is what is measured.
 */
export const usersForRate = (ratePerSecond: number): number => Math.ceil(ratePerSecond / 12) + 1;

/** Runs every mover for `durationMs` and pools their results. */
export const runMovers = async (specs: readonly MoverSpec[], durationMs: number): Promise<MoveResult> => {
  const result: MoveResult = {
    acked: 0,
    nacked: 0,
    rateLimited: 0,
    nackCodes: {},
    lost: 0,
    ackLatencies: [],
    sent: [],
    ackedInWindow: 0,
    unansweredAtEnd: 0,
    stoppedEarly: 0,
    lastAckAt: 0,
    maxSendLagMs: 0,
  };
  await Promise.all(specs.map((spec) => runOne(spec, durationMs, result)));
  return result;
};

/** Results of movers in several client processes as one. */
export const poolResults = (results: readonly MoveResult[]): MoveResult => {
  const sum = (f: (r: MoveResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const max = (f: (r: MoveResult) => number) => results.reduce((s, r) => Math.max(s, f(r)), 0);
  const nackCodes: Record<string, number> = {};
  for (const r of results)
    for (const [code, n] of Object.entries(r.nackCodes)) nackCodes[code] = (nackCodes[code] ?? 0) + n;
  return {
    acked: sum((r) => r.acked),
    nacked: sum((r) => r.nacked),
    rateLimited: sum((r) => r.rateLimited),
    nackCodes,
    lost: sum((r) => r.lost),
    ackLatencies: results.flatMap((r) => r.ackLatencies),
    sent: results.flatMap((r) => r.sent),
    ackedInWindow: sum((r) => r.ackedInWindow),
    unansweredAtEnd: sum((r) => r.unansweredAtEnd),
    stoppedEarly: sum((r) => r.stoppedEarly),
    lastAckAt: max((r) => r.lastAckAt),
    maxSendLagMs: max((r) => r.maxSendLagMs),
  };
};
