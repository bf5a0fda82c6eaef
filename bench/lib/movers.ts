import type { BoardFixture } from './rest';
import { BenchSocket } from './socket';
import { nowMs, sleep } from './stats';

/** One simulated user moving cards on one board. */
export interface MoverSpec {
  readonly url: string;
  readonly token: string;
  readonly board: BoardFixture;
  /** Moves per second, sent on schedule whatever the answers (open loop); absent: next move on each ack. */
  readonly ratePerSecond?: number;
}

export interface MoveResult {
  acked: number;
  nacked: number;
  lost: number;
  /** Send -> ack, in ms. */
  readonly ackLatencies: number[];
  /** Each move's mid and when it was sent, on the machine-wide monotonic clock. */
  readonly sent: [string, number][];
}

// The gateway allows 50 messages/s per socket (docs/protocol.md); a mover spreads its moves over
// enough sockets that the rate limit, a policy, is never what the bench measures.
const PER_SOCKET_RATE = 40;
const CLOSED_LOOP_SOCKETS = 8;
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
  else if (outcome.type === 'nack') result.nacked += 1;
  else {
    result.acked += 1;
    result.ackLatencies.push(nowMs() - started);
  }
};

const runOne = async (spec: MoverSpec, durationMs: number, result: MoveResult): Promise<void> => {
  const count = spec.ratePerSecond ? Math.ceil(spec.ratePerSecond / PER_SOCKET_RATE) + 1 : CLOSED_LOOP_SOCKETS;
  const sockets = Array.from(
    { length: count },
    (_, i) => new BenchSocket(spec.url, spec.token, `mover-${process.pid}-${Math.random().toString(36).slice(2)}-${i}`),
  );
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

/** Runs every mover for `durationMs` and pools their results. */
export const runMovers = async (specs: readonly MoverSpec[], durationMs: number): Promise<MoveResult> => {
  const result: MoveResult = { acked: 0, nacked: 0, lost: 0, ackLatencies: [], sent: [] };
  await Promise.all(specs.map((spec) => runOne(spec, durationMs, result)));
  return result;
};
