import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  conflict,
  notFound,
  type BoardState,
  type Card,
  type CardId,
  type List,
  type ListId,
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
import type { ReadAfter } from './engine/board-engine';

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

/**
 * Reads a use case's answer from the committed event and the board right after it, in memory (the
 * engine's `ReadAfter`: read, do not keep `state`).
 */
export type ReadAnswer<T> = ReadAfter<T>;

/**
 * Authorizes, has the board engine decide and commit the change, publishes the committed event without
 * waiting for the bus, then reads the answer from the engine's state. A replayed origin goes through
 * the same path and answers as the first attempt did.
 */
export const mutateBoard =
  (deps: AppDeps) =>
  <T>(
    req: MutationRequest,
    decide: (tx: BoardTx, at: string) => Result<BoardEvent>,
    read: ReadAnswer<T>,
  ): Result<Mutation<T>> =>
    pipe(
      authorize(deps)(req.actor, req.teamId, req.action),
      TE.chain(() => {
        const ctx = mutationContext(deps, req);
        return deps.engine.submit(ctx, (tx) => decide(tx, ctx.at), read);
      }),
      TE.chainFirst(({ record }) => publishInBackground(deps)(record)),
      TE.chain(({ record, answer }) => asMutation(record, TE.fromEither(answer))),
    );

/** A use case's answer: the value read for a committed event, with the event and its seq. */
export const asMutation = <T>(event: BoardEventRecord, value: Result<T>): Result<Mutation<T>> =>
  pipe(
    value,
    TE.map((v) => ({ value: v, seq: event.seq, event })),
  );

/**
 * Publishes without holding up the answer: the event is committed, the bus is only a hint, and one
 * connection keeps publishes in order whether or not anyone waits for them.
 */
export const publishInBackground =
  (deps: Pick<AppDeps, 'events'>) =>
  (event: BoardEventRecord): Result<void> =>
    TE.fromIO(() => {
      void publishQuietly(deps)(event)();
    });

/** The card an answer names, from the board after the change. */
export const cardIn = (state: BoardState, cardId: CardId): Result<Card> => {
  const card = state.cards[cardId];
  return card ? TE.right(card) : TE.left(notFound('Card'));
};

/** The list an answer names, from the board after the change. */
export const listIn = (state: BoardState, listId: ListId): Result<List> => {
  const list = state.lists[listId];
  return list ? TE.right(list) : TE.left(notFound('List'));
};

type EventData<K extends BoardEvent['kind']> = Extract<BoardEvent, { kind: K }>['data'];

/** The entity a create event carries; a replayed origin that recorded a different change is a conflict. */
export const fromEvent =
  <K extends BoardEvent['kind'], T>(kind: K, pick: (data: EventData<K>) => T) =>
  (event: BoardEventRecord): Result<T> =>
    event.kind === kind
      ? TE.right(pick(event.data as EventData<K>))
      : TE.left(conflict('This mutation id was already used for a different change', 'origin_reused'));
