import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  can,
  commands,
  notFound,
  type AppError,
  type BoardOpOf,
  type CardId,
  type Comment,
  type CommentId,
  type Origin,
} from '../../domain';
import type { Actor, BoardTarget, CommentView, Mutation } from '../api';
import { authorize } from '../authorization';
import { mutateBoard } from '../board-mutation';
import type { AppDeps } from '../deps';
import { commentViews, FORMER_USER } from './comment-view';

type Result<T> = TE.TaskEither<AppError, T>;

/**
 * The comment as stored. Comments live beside the board state, not in it (a board's comments would
 * outgrow the engine's memory), so an edit reads the one it names first; the engine then decides the
 * edit against the card as committed, and a comment deleted in between is simply not changed.
 */
const commentOf = (deps: AppDeps, target: BoardTarget, cardId: CardId, commentId: CommentId): Result<Comment> =>
  pipe(
    deps.boards.comments(target.teamId, target.boardId, cardId),
    TE.chain((comments) => {
      const found = comments.find((c) => c.id === commentId);
      return found ? TE.right(found) : TE.left(notFound('Comment'));
    }),
  );

/** Edits a comment's body; only its author may. */
export const updateComment =
  (deps: AppDeps) =>
  (
    actor: Actor,
    target: BoardTarget,
    op: BoardOpOf<'comment.update'>,
    origin: Origin | null,
  ): Result<Mutation<CommentView>> =>
    pipe(
      authorize(deps)(actor, target.teamId, 'comment.write'),
      TE.chain(() => commentOf(deps, target, op.cardId, op.commentId)),
      TE.chain((comment) =>
        mutateBoard(deps)(
          { actor, teamId: target.teamId, boardId: target.boardId, origin, action: 'comment.write' },
          (tx, at) =>
            pipe(
              tx.card(op.cardId),
              TE.chainEitherK((card) =>
                commands.updateComment(tx.board, card, comment, { body: op.body, editor: actor.userId, at }),
              ),
            ),
          (event) => {
            const edited: Comment =
              event.kind === 'comment.updated'
                ? { ...comment, body: event.data.body, editedAt: event.data.editedAt }
                : comment;
            return pipe(
              commentViews(deps)([edited]),
              TE.map(([view]) => view ?? { ...edited, authorName: FORMER_USER }),
            );
          },
        ),
      ),
    );

/** Deletes a comment: its author, or an admin or owner of the team. */
export const deleteComment =
  (deps: AppDeps) =>
  (
    actor: Actor,
    target: BoardTarget,
    op: BoardOpOf<'comment.delete'>,
    origin: Origin | null,
  ): Result<Mutation<{ readonly id: CommentId }>> =>
    pipe(
      authorize(deps)(actor, target.teamId, 'comment.write'),
      TE.chain((member) =>
        pipe(
          commentOf(deps, target, op.cardId, op.commentId),
          TE.chain((comment) =>
            mutateBoard(deps)(
              { actor, teamId: target.teamId, boardId: target.boardId, origin, action: 'comment.write' },
              (tx) =>
                pipe(
                  tx.card(op.cardId),
                  TE.chainEitherK((card) =>
                    commands.deleteComment(tx.board, card, comment, {
                      by: actor.userId,
                      canModerate: can(member.role, 'board.manage'),
                    }),
                  ),
                ),
              () => TE.right({ id: op.commentId }),
            ),
          ),
        ),
      ),
    );
