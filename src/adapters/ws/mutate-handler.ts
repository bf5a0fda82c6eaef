import * as E from 'fp-ts/Either';
import type { Actor, Application } from '../../application/api';
import { decodeOp, type MutateFrame, type ServerFrame, type WireError } from './frames';
import { runMutation } from './mutations';
import type { NackMemory } from './nack-memory';
import { wireError } from './wire-errors';

/** What answering a mutate frame needs. */
export interface MutateDeps {
  readonly application: Application;
  readonly nacks: NackMemory;
}

/** Client ids REST uses for `Idempotency-Key`s (`http:<userId>`); a socket may not borrow them. */
export const RESERVED_CLIENT_PREFIX = 'http:';

const RESERVED: WireError = {
  code: 'bad_input',
  message: `clientId must not start with "${RESERVED_CLIENT_PREFIX}": that prefix is reserved for REST Idempotency-Keys`,
  retryable: false,
};

/**
 * The answer to a mutation whose handling threw (a bug or lost infrastructure): the outcome is
 * unknown, as it may have committed, so the client resends the same mid and the dedupe decides.
 */
export const internalNack = (frame: MutateFrame): ServerFrame => ({
  type: 'nack',
  mid: frame.mid,
  boardId: frame.boardId,
  error: { code: 'internal', message: 'Internal server error', retryable: true },
});

/**
 * Answers one mutate frame with an ack (the event's seq) or a nack, always naming the mid. A refused
 * mutation id stays refused for that user: resending it answers the same nack, unless the error was
 * retryable (nothing was decided, so the same id may be tried again and the store's dedupe keeps it
 * exactly-once).
 */
export const handleMutate = async (deps: MutateDeps, actor: Actor, frame: MutateFrame): Promise<ServerFrame> => {
  const { mid, clientId, teamId, boardId } = frame;
  const scope = { userId: actor.userId, teamId, clientId };
  const nack = (error: WireError): ServerFrame => {
    if (!error.retryable) deps.nacks.remember(scope, mid, error);
    return { type: 'nack', mid, boardId, error };
  };
  const remembered = deps.nacks.recall(scope, mid);
  if (remembered) return { type: 'nack', mid, boardId, error: remembered };
  if (clientId.startsWith(RESERVED_CLIENT_PREFIX)) return nack(RESERVED);
  const op = decodeOp(frame.op);
  if (E.isLeft(op)) return nack({ code: op.left.code, message: op.left.message, retryable: false });
  const origin = { clientId, mid };
  const result = await runMutation(deps.application, { actor, teamId, boardId, origin }, op.right)();
  return E.isLeft(result) ? nack(wireError(result.left)) : { type: 'ack', mid, boardId, seq: result.right };
};
