import { useState, type FormEvent } from 'react';
import { MentionField } from '../mentions/MentionField';
import { MentionText } from '../mentions/MentionText';
import { useCardModel } from './card-model/context';

export interface CommentView {
  readonly id: string;
  readonly body: string;
  readonly authorId?: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly editedAt?: string | null;
}

interface CommentItemProps {
  readonly comment: CommentView;
  /** The author may edit; the author or an admin may delete. */
  readonly canEdit: boolean;
  readonly canDelete: boolean;
  readonly onEdit: (body: string) => void;
  readonly onDelete: () => void;
}

/** One comment: its author and body, "(edited)" once changed, and edit/delete for those allowed. */
export const CommentItem = ({ comment, canEdit, canDelete, onEdit, onDelete }: CommentItemProps) => {
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { people } = useCardModel();
  const save = (e: FormEvent) => {
    e.preventDefault();
    const body = (draft ?? '').trim();
    if (body && body !== comment.body) onEdit(body);
    setDraft(null);
  };
  if (draft !== null) {
    return (
      <li className="rounded bg-slate-100 p-2">
        <form onSubmit={save} className="flex flex-col gap-1">
          <MentionField
            multiline
            aria-label="Edit comment"
            maxLength={5000}
            className="w-full rounded border border-slate-300 px-2 py-1"
            value={draft}
            onChange={setDraft}
            people={people}
          />
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-indigo-700 px-2 py-0.5 text-white">
              Save
            </button>
            <button type="button" className="rounded px-2 py-0.5 underline" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="rounded bg-slate-100 p-2 whitespace-pre-wrap wrap-anywhere">
      <span className="font-medium">{comment.authorName}</span>: <MentionText text={comment.body} people={people} />
      {comment.editedAt && <span className="ml-1 text-xs text-slate-600">(edited)</span>}
      {(canEdit || canDelete) && (
        <span className="ml-2 inline-flex gap-2 text-xs">
          {canEdit && (
            <button type="button" className="underline" onClick={() => setDraft(comment.body)}>
              Edit<span className="sr-only"> comment</span>
            </button>
          )}
          {canDelete &&
            (confirming ? (
              <>
                <button type="button" className="font-medium text-red-800 underline" onClick={onDelete}>
                  Confirm delete
                </button>
                <button type="button" className="underline" onClick={() => setConfirming(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="underline" onClick={() => setConfirming(true)}>
                Delete<span className="sr-only"> comment</span>
              </button>
            ))}
        </span>
      )}
    </li>
  );
};
