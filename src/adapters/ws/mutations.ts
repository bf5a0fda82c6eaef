import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Actor, Application } from '../../application/api';
import type { AppError, BoardId, Origin, TeamId } from '../../domain';
import { position } from '../http/codecs';
import type { MutationOp } from './frames';

/** Where one decoded mutate frame goes. */
export interface MutationTarget {
  readonly actor: Actor;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly origin: Origin;
}

/**
 * Runs an op through the same use case the REST route uses, so authorization, dedupe by origin and
 * publishing are shared; answers the seq of the (original, for a resent mid) event.
 */
export const runMutation = (app: Application, to: MutationTarget, op: MutationOp): TE.TaskEither<AppError, number> => {
  const { actor, teamId, boardId, origin } = to;
  const seqOf = <T extends { readonly seq: number }>(result: TE.TaskEither<AppError, T>) =>
    pipe(
      result,
      TE.map((m) => m.seq),
    );
  switch (op.kind) {
    case 'card.create': {
      const { kind: _kind, afterCardId, beforeCardId, ...input } = op;
      return seqOf(
        app.cards.create(actor, teamId, boardId, { ...input, position: position(afterCardId, beforeCardId) }, origin),
      );
    }
    case 'card.update': {
      const { kind: _kind, cardId, ...input } = op;
      return seqOf(app.cards.update(actor, teamId, boardId, cardId, input, origin));
    }
    case 'card.move': {
      const { cardId, toListId, afterCardId, beforeCardId } = op;
      return seqOf(
        app.cards.move(
          actor,
          teamId,
          boardId,
          cardId,
          { toListId, position: position(afterCardId, beforeCardId) },
          origin,
        ),
      );
    }
    case 'card.delete':
      return seqOf(app.cards.delete(actor, teamId, boardId, op.cardId, origin));
    case 'list.create': {
      const { kind: _kind, afterListId, beforeListId, ...input } = op;
      return seqOf(
        app.lists.create(actor, teamId, boardId, { ...input, position: position(afterListId, beforeListId) }, origin),
      );
    }
    case 'list.update': {
      const { kind: _kind, listId, ...input } = op;
      return seqOf(app.lists.update(actor, teamId, boardId, listId, input, origin));
    }
    case 'list.move':
      return seqOf(
        app.lists.move(actor, teamId, boardId, op.listId, position(op.afterListId, op.beforeListId), origin),
      );
    case 'list.delete':
      return seqOf(app.lists.delete(actor, teamId, boardId, op.listId, origin));
    case 'comment.create':
      return seqOf(
        app.comments.create(actor, teamId, boardId, op.cardId, { body: op.body, ...(op.id && { id: op.id }) }, origin),
      );
  }
};
