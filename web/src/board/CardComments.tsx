import { useEffect, useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/client';
import { newId } from '../sync/ids';
import type { BoardOpInput } from '../sync/ops';

interface CommentView {
  readonly id: string;
  readonly body: string;
  readonly authorName: string;
  readonly createdAt: string;
}

interface CardCommentsProps {
  readonly cardId: string;
  readonly canWrite: boolean;
  readonly api: ApiClient;
  readonly base: string;
  readonly mutate: (op: BoardOpInput) => string;
}

/** A card's comments, and a box to add one for people who may write. */
export const CardComments = ({ cardId, canWrite, api, base, mutate }: CardCommentsProps) => {
  const [comments, setComments] = useState<readonly CommentView[]>([]);
  const [comment, setComment] = useState('');
  useEffect(() => {
    api
      .request<{ comments: CommentView[] }>('GET', `${base}/cards/${cardId}/comments`)
      .then((r) => setComments(r.comments))
      .catch(() => undefined);
  }, [api, base, cardId]);

  const addComment = (e: FormEvent) => {
    e.preventDefault();
    const body = comment.trim();
    if (!body) return;
    const id = newId();
    mutate({ kind: 'comment.create', id, cardId, body });
    setComments((cs) => [...cs, { id, body, authorName: 'You', createdAt: new Date().toISOString() }]);
    setComment('');
  };

  return (
    <section aria-labelledby="comments-title" className="mt-5">
      <h3 id="comments-title" className="font-medium">
        Comments
      </h3>
      <ul className="mt-2 space-y-2 text-sm">
        {comments.map((c) => (
          <li key={c.id} className="rounded bg-slate-100 p-2 whitespace-pre-wrap wrap-anywhere">
            <span className="font-medium">{c.authorName}</span>: {c.body}
          </li>
        ))}
        {comments.length === 0 && <li className="text-slate-600">No comments yet.</li>}
      </ul>
      {canWrite && (
        <form onSubmit={addComment} className="mt-2 flex gap-2">
          <input
            aria-label="Write a comment"
            placeholder="Write a comment"
            maxLength={5000}
            className="mt-1 w-full min-w-0 rounded border border-slate-300 px-2 py-1"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="shrink-0 rounded bg-indigo-700 px-3 py-1 text-white">
            Comment
          </button>
        </form>
      )}
    </section>
  );
};
