import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Card } from '../../../src/domain/board';
import type { CardChanges } from '../../../src/domain/events';
import type { ApiClient } from '../api/client';
import { newId } from '../sync/ids';
import type { MutationOp } from '../sync/ops';

interface CommentView {
  readonly id: string;
  readonly body: string;
  readonly authorName: string;
  readonly createdAt: string;
}

interface CardDetailProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly api: ApiClient;
  readonly base: string;
  readonly mutate: (op: MutationOp) => string;
  readonly onClose: () => void;
}

const field = 'mt-1 w-full rounded border border-slate-300 px-2 py-1';

/** The changes between the card and the form, or null when nothing changed. */
const changesOf = (
  card: Card,
  f: { title: string; description: string; dueDate: string; labels: string },
): CardChanges | null => {
  const labels = [
    ...new Set(
      f.labels
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  const changes: { -readonly [K in keyof CardChanges]: CardChanges[K] } = {};
  if (f.title.trim() && f.title.trim() !== card.title) changes.title = f.title.trim();
  if (f.description !== card.description) changes.description = f.description;
  if ((f.dueDate || null) !== card.dueDate) changes.dueDate = f.dueDate || null;
  if (labels.join(',') !== card.labels.join(',')) changes.labels = labels;
  return Object.keys(changes).length ? changes : null;
};

/** Card details: title, description, due date, labels and comments, in a modal dialog. */
export const CardDetail = ({ card, canWrite, api, base, mutate, onClose }: CardDetailProps) => {
  const [form, setForm] = useState({
    title: card.title,
    description: card.description,
    dueDate: card.dueDate ?? '',
    labels: card.labels.join(', '),
  });
  const [comments, setComments] = useState<readonly CommentView[]>([]);
  const [comment, setComment] = useState('');
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.focus();
    api
      .request<{ comments: CommentView[] }>('GET', `${base}/cards/${card.id}/comments`)
      .then((r) => setComments(r.comments))
      .catch(() => undefined);
  }, [api, base, card.id]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const changes = changesOf(card, form);
    if (changes) mutate({ kind: 'card.update', cardId: card.id, changes });
    onClose();
  };
  const addComment = (e: FormEvent) => {
    e.preventDefault();
    const body = comment.trim();
    if (!body) return;
    const id = newId();
    mutate({ kind: 'comment.create', commentId: id, cardId: card.id, body });
    setComments((cs) => [...cs, { id, body, authorName: 'You', createdAt: new Date().toISOString() }]);
    setComment('');
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <div className="fixed inset-0 z-10 flex items-start justify-center bg-black/40 p-8" onClick={onClose}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="card-detail-title"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        className="max-h-full w-full max-w-lg overflow-y-auto rounded-lg bg-white p-5 shadow-xl outline-none"
      >
        <h2 id="card-detail-title" className="mb-3 text-lg font-semibold">
          {card.title}
        </h2>
        <form onSubmit={save}>
          <fieldset disabled={!canWrite}>
            <label className="mb-2 block text-sm">
              Title
              <input className={field} value={form.title} onChange={set('title')} />
            </label>
            <label className="mb-2 block text-sm">
              Description
              <textarea className={field} rows={4} value={form.description} onChange={set('description')} />
            </label>
            <label className="mb-2 block text-sm">
              Due date
              <input type="date" className={field} value={form.dueDate} onChange={set('dueDate')} />
            </label>
            <label className="mb-2 block text-sm">
              Labels (comma separated)
              <input className={field} value={form.labels} onChange={set('labels')} />
            </label>
          </fieldset>
          <div className="mt-3 flex gap-2">
            {canWrite && (
              <button type="submit" className="rounded bg-indigo-700 px-3 py-1 text-white">
                Save
              </button>
            )}
            {canWrite && (
              <button
                type="button"
                className="rounded bg-slate-200 px-3 py-1"
                onClick={() => {
                  mutate({ kind: 'card.update', cardId: card.id, changes: { archived: true } });
                  onClose();
                }}
              >
                Archive card
              </button>
            )}
            <button type="button" className="ml-auto rounded px-3 py-1 underline" onClick={onClose}>
              Close
            </button>
          </div>
        </form>
        <section aria-labelledby="comments-title" className="mt-5">
          <h3 id="comments-title" className="font-medium">
            Comments
          </h3>
          <ul className="mt-2 space-y-2 text-sm">
            {comments.map((c) => (
              <li key={c.id} className="rounded bg-slate-100 p-2">
                <span className="font-medium">{c.authorName}</span>: {c.body}
              </li>
            ))}
          </ul>
          {canWrite && (
            <form onSubmit={addComment} className="mt-2 flex gap-2">
              <input
                aria-label="Write a comment"
                placeholder="Write a comment"
                className={field}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <button type="submit" className="rounded bg-indigo-700 px-3 py-1 text-white">
                Comment
              </button>
            </form>
          )}
        </section>
      </div>
    </div>
  );
};
