import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { recordedOrigin, unavailable, type AppError, type BoardEvent, type BoardEventRecord } from '../../domain';
import type { BoardStore, Decide, MutationContext } from '../ports';
import { boardTx } from './state-tx';

/** The record an event becomes at `seq`, exactly as the log stores it and clients receive it. */
export const recordOf = (ctx: MutationContext, event: BoardEvent, seq: number): BoardEventRecord =>
  ({
    ...event,
    teamId: ctx.teamId,
    boardId: ctx.boardId,
    seq,
    actor: ctx.actor,
    origin: recordedOrigin(ctx.origin),
    at: ctx.at,
  }) as BoardEventRecord;

/**
 * The answer to a decision that failed: when the request carries an origin it may be the retry of one
 * that succeeded (a delete whose ack was lost finds its card gone), and then the original event is the
 * answer; otherwise the refusal stands.
 */
export const answerRefusedDecision = async (
  store: Pick<BoardStore, 'replayOf'>,
  ctx: MutationContext,
  refusal: AppError,
): Promise<E.Either<AppError, BoardEventRecord>> => {
  if (ctx.origin === null) return E.left(refusal);
  const earlier = await store.replayOf(ctx)();
  if (E.isLeft(earlier)) return earlier;
  return earlier.right === null ? E.left(refusal) : E.right(earlier.right);
};

/** How often one mutation (or batch) decides again because other writers keep appending first. */
export const MAX_DECISION_ROUNDS = 50;

/** The answer once other writers kept appending first for `MAX_DECISION_ROUNDS`: retry later. */
export const boardBusy = (): AppError => unavailable('The board is too busy to take this change now; try again', 1);

/**
 * `BoardStore.mutate` for any store that can take a snapshot and commit a batch: decide on the board as
 * it is, commit at its seq, and decide again when another writer got there first. The board engine does
 * the same against its memory instead of a fresh snapshot; this is the path for one-off writers
 * (tests, tools) and the definition the engine must agree with.
 */
export const mutateByCommit =
  (store: Pick<BoardStore, 'snapshot' | 'commit' | 'replayOf'>) =>
  (ctx: MutationContext, decide: Decide): TaskEither<AppError, BoardEventRecord> =>
  async () => {
    for (let attempt = 1; attempt <= MAX_DECISION_ROUNDS; attempt++) {
      const snapshot = await store.snapshot(ctx.teamId, ctx.boardId)();
      if (E.isLeft(snapshot)) return snapshot;
      const decided = await decide(boardTx(snapshot.right))();
      if (E.isLeft(decided)) return answerRefusedDecision(store, ctx, decided.left);
      const outcome = await store.commit({
        teamId: ctx.teamId,
        boardId: ctx.boardId,
        expectedSeq: snapshot.right.seq,
        entries: [{ ctx, event: decided.right }],
      })();
      if (E.isLeft(outcome)) return outcome;
      switch (outcome.right.kind) {
        case 'committed':
          return E.right(outcome.right.records[0]!);
        case 'refused':
          return outcome.right.refusals[0]!.answer;
        case 'seq_moved':
          continue;
      }
    }
    return E.left(boardBusy());
  };
