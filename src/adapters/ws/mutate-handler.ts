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

/**
 * Answers one mutate frame with an ack (the event's seq) or a nack. A refused mutation id stays
 * refused: resending it answers the same nack, unless the error was retryable (nothing was decided,
 * so the same id may be tried again and the store's dedupe keeps it exactly-once).
 */
export const handleMutate = async (deps: MutateDeps, actor: Actor, frame: MutateFrame): Promise<ServerFrame> => {
  const { mid, clientId, teamId, boardId } = frame;
  const nack = (error: WireError): ServerFrame => {
    if (!error.retryable) deps.nacks.remember(teamId, clientId, mid, error);
    return { type: 'nack', mid, boardId, error };
  };
  const remembered = deps.nacks.recall(teamId, clientId, mid);
  if (remembered) return { type: 'nack', mid, boardId, error: remembered };
  const op = decodeOp(frame.op);
  if (E.isLeft(op)) return nack({ code: 'invalid_op', message: op.left.message, retryable: false });
  const result = await runMutation(deps.application, { actor, teamId, boardId, origin: { clientId, mid } }, op.right)();
  return E.isLeft(result) ? nack(wireError(result.left)) : { type: 'ack', mid, boardId, seq: result.right };
};
