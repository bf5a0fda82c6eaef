import { useEffect, useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/client';
import { useSession } from '../api/session';
import { newId } from '../sync/ids';
import type { BoardOpInput } from '../sync/ops';
import { MentionField } from '../mentions/MentionField';
import { useCardModel } from './card-model/context';
import { CommentItem, type CommentView } from './CommentItem';

interface CardCommentsProps {
  readonly cardId: string;
  readonly canWrite: boolean;
  readonly api: ApiClient;
  readonly base: string;
  readonly mutate: (op: BoardOpInput) => string;
  /** The card's comment count: when someone else comments or deletes one, the list is read again. */
  readonly commentCount?: number;
}

/** A card's comments, and a box to add one for people who may write. */
export const CardComments = ({ cardId, canWrite, api, base, mutate, commentCount }: CardCommentsProps) => {
  const [comments, setComments] = useState<readonly CommentView[]>([]);
  const [comment, setComment] = useState('');
  const me = useSession((s) => s.user?.id);
  const teamId = /\/api\/teams\/([^/]+)/.exec(base)?.[1];
  const role = useSession((s) => s.teams.find((t) => t.id === teamId)?.role);
  const moderator = role === 'owner' || role === 'admin';
  const { people } = useCardModel();
  useEffect(() => {
    api
      .request<{ comments: CommentView[] }>('GET', `${base}/cards/${cardId}/comments`)
      .then((r) => setComments(r.comments))
      .catch(() => undefined);
  }, [api, base, cardId, commentCount]);

  const edit = (id: string, body: string) => {
    mutate({ kind: 'comment.update', cardId, commentId: id, body });
    setComments((cs) => cs.map((c) => (c.id === id ? { ...c, body, editedAt: new Date().toISOString() } : c)));
  };
  const remove = (id: string) => {
    mutate({ kind: 'comment.delete', cardId, commentId: id });
    setComments((cs) => cs.filter((c) => c.id !== id));
  };

  const addComment = (e: FormEvent) => {
    e.preventDefault();
    const body = comment.trim();
    if (!body) return;
    const id = newId();
    mutate({ kind: 'comment.create', id, cardId, body });
    setComments((cs) => [
      ...cs,
      { id, body, authorName: 'You', createdAt: new Date().toISOString(), ...(me && { authorId: me }) },
    ]);
    setComment('');
  };

  return (
    <section aria-labelledby="comments-title" className="mt-5">
      <h3 id="comments-title" className="font-medium">
        Comments
      </h3>
      <ul className="mt-2 space-y-2 text-sm">
        {comments.map((c) => (
          <CommentItem
            key={c.id}
            comment={c}
            canEdit={canWrite && c.authorId === me}
            canDelete={canWrite && (c.authorId === me || moderator)}
            onEdit={(body) => edit(c.id, body)}
            onDelete={() => remove(c.id)}
          />
        ))}
        {comments.length === 0 && <li className="text-slate-600">No comments yet.</li>}
      </ul>
      {canWrite && (
        <form onSubmit={addComment} className="mt-2 flex gap-2">
          <div className="min-w-0 flex-1">
            <MentionField
              aria-label="Write a comment"
              placeholder="Write a comment (@ to mention)"
              maxLength={5000}
              className="mt-1 w-full min-w-0 rounded border border-slate-300 px-2 py-1"
              value={comment}
              onChange={setComment}
              people={people}
              listAbove
            />
          </div>
          <button type="submit" className="shrink-0 rounded bg-indigo-700 px-3 py-1 text-white">
            Comment
          </button>
        </form>
      )}
    </section>
  );
};
