import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  conflict,
  type Action,
  type AppError,
  type BoardEvent,
  type BoardEventRecord,
  type BoardId,
  type Origin,
  type TeamId,
} from '../domain';
import type { Actor, Mutation } from './api';
import { authorize } from './authorization';
import type { AppDeps } from './deps';
import type { BoardTx, MutationContext } from './ports';

type Result<T> = TE.TaskEither<AppError, T>;

/** Who changes which board, with what right, and the client's dedupe key. */
export interface MutationRequest {
  readonly actor: Actor;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly origin: Origin | null;
  readonly action: Action;
}

export const mutationContext = (deps: Pick<AppDeps, 'clock'>, req: MutationRequest): MutationContext => ({
  teamId: req.teamId,
  boardId: req.boardId,
  actor: req.actor.userId,
  at: deps.clock.now().toISOString(),
  origin: req.origin,
});

/** Publishing is a hint for live clients; the event is committed already, so a failure only costs latency. */
export const publishQuietly =
  (deps: Pick<AppDeps, 'events'>) =>
  (event: BoardEventRecord): Result<void> =>
    TE.fromTask(async () => {
      try {
        await deps.events.publish(event)();
      } catch {
        // Clients catch up by seq; nothing to undo.
      }
    });

/** Wraps a committed event and the value read for it as the use case's answer. */
export const asMutation =
  <T>(read: (event: BoardEventRecord) => Result<T>) =>
  (event: BoardEventRecord): Result<Mutation<T>> =>
    pipe(
      read(event),
      TE.map((value) => ({ value, seq: event.seq, event })),
    );

/**
 * Authorizes, runs `decide` inside the board's transaction, publishes the committed event, then reads
 * the answer. A replayed origin goes through the same path and answers as the first attempt did.
 */
export const mutateBoard =
  (deps: AppDeps) =>
  <T>(
    req: MutationRequest,
    decide: (tx: BoardTx, at: string) => Result<BoardEvent>,
    read: (event: BoardEventRecord) => Result<T>,
  ): Result<Mutation<T>> =>
    pipe(
      authorize(deps)(req.actor, req.teamId, req.action),
      TE.chain(() => {
        const ctx = mutationContext(deps, req);
        return deps.boards.mutate(ctx, (tx) => decide(tx, ctx.at));
      }),
      TE.chainFirst(publishQuietly(deps)),
      TE.chain(asMutation(read)),
    );

type EventData<K extends BoardEvent['kind']> = Extract<BoardEvent, { kind: K }>['data'];

/** The entity a create event carries; a replayed origin that recorded a different change is a conflict. */
export const fromEvent =
  <K extends BoardEvent['kind'], T>(kind: K, pick: (data: EventData<K>) => T) =>
  (event: BoardEventRecord): Result<T> =>
    event.kind === kind
      ? TE.right(pick(event.data as EventData<K>))
      : TE.left(conflict('This mutation id was already used for a different change', 'origin_reused'));
