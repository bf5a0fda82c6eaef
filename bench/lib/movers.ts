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
}

const ACK_TIMEOUT_MS = 10_000;

const moveOne = async (
  sockets: readonly BenchSocket[],
  spec: MoverSpec,
  state: { n: number; inList: Map<string, number> },
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
  if (outcome === null) result.lost += 1;
  else if (outcome.type === 'nack') {
    result.nacked += 1;
    const code = outcome.error?.code ?? 'unknown';
    result.nackCodes[code] = (result.nackCodes[code] ?? 0) + 1;
    if (outcome.error?.code === 'rate_limited') result.rateLimited += 1;
  } else {
    result.acked += 1;
    result.ackLatencies.push(nowMs() - started);
  }
};

const runOne = async (spec: MoverSpec, durationMs: number, result: MoveResult): Promise<void> => {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const sockets = spec.tokens.map((token, i) => new BenchSocket(spec.url, token, `mover-${tag}-${i}`));
  await Promise.all(sockets.map((s) => s.open()));
  const state = { n: 0, inList: new Map<string, number>() };
  const end = nowMs() + durationMs;
  if (!spec.ratePerSecond) {
    while (nowMs() < end) await moveOne(sockets, spec, state, result);
  } else {
    const start = nowMs();
    const inFlight: Promise<void>[] = [];
    while (nowMs() < end) {
      const due = Math.floor(((nowMs() - start) * spec.ratePerSecond) / 1000) + 1;
      while (state.n < due) inFlight.push(moveOne(sockets, spec, state, result));
      await sleep(1);
    }
    await Promise.all(inFlight);
  }
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
  };
  await Promise.all(specs.map((spec) => runOne(spec, durationMs, result)));
  return result;
};
