import { useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import type { Card } from '../../../../src/domain/board';
import { ATTACHMENT_LIMITS, isImageAttachment, type Attachment } from '../../../../src/domain/attachment';
import type { ApiClient } from '../../api/client';
import type { BoardOpInput } from '../../sync/ops';
import { AttachmentRow } from './AttachmentRow';
import { formatSize, MAX_FILE_LABEL, uploadProblem } from './format';
import { uploadAttachment } from './transfer';

interface CardAttachmentsProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly api: ApiClient;
  /** `/api/teams/:teamId/boards/:boardId`. */
  readonly base: string;
  readonly mutate: (op: BoardOpInput) => string;
}

interface Progress {
  readonly name: string;
  readonly fraction: number;
}

/**
 * The card's files: each with its size, a download, a delete (asked first) and "Make cover" for images;
 * members upload with a button or by dropping files, with progress. The list itself is the card's, so
 * files others add or delete appear and go live.
 */
export const CardAttachments = ({ card, canWrite, api, base, mutate }: CardAttachmentsProps) => {
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Progress | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [dropping, setDropping] = useState(false);
  const files = `${base}/cards/${card.id}/attachments`;

  const send = async (list: readonly File[]) => {
    const found: string[] = [];
    for (const file of list) {
      if (file.size > ATTACHMENT_LIMITS.maxBytes) {
        found.push(`“${file.name}” is too large: files can be at most ${MAX_FILE_LABEL}.`);
        continue;
      }
      setUploading({ name: file.name, fraction: 0 });
      try {
        await uploadAttachment(api, files, file, (fraction) => setUploading({ name: file.name, fraction }));
      } catch (err) {
        found.push(uploadProblem(err, file.name));
      }
    }
    setUploading(null);
    setProblems(found);
  };
  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(e.target.files ?? [])];
    e.target.value = '';
    void send(picked);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    if (canWrite && uploading === null) void send([...e.dataTransfer.files]);
  };
  const remove = (a: Attachment) => {
    void api
      .request('DELETE', `${files}/${a.id}`, { idempotencyKey: crypto.randomUUID() })
      .catch((err: unknown) => setProblems([`“${a.name}” could not be deleted: ${String((err as Error).message)}`]));
  };
  const cover = (id: string | null) => mutate({ kind: 'card.update', cardId: card.id, coverAttachmentId: id });

  return (
    <section
      aria-labelledby={headingId}
      className={`mt-4 rounded ${dropping ? 'outline-2 outline-dashed outline-indigo-500' : ''}`}
      data-testid="card-attachments"
      onDragOver={(e) => {
        if (!canWrite) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <h3 id={headingId} className="mb-1 text-sm font-semibold">
        Attachments{card.attachments.length > 0 ? ` (${card.attachments.length})` : ''}
      </h3>
      {card.attachments.length === 0 && <p className="text-sm text-slate-600">No files yet.</p>}
      <ul className="space-y-1">
        {card.attachments.map((a) => (
          <AttachmentRow
            key={a.id}
            attachment={a}
            url={`${files}/${a.id}`}
            api={api}
            canWrite={canWrite}
            isCover={card.coverAttachmentId === a.id}
            onCover={isImageAttachment(a) ? (on) => cover(on ? a.id : null) : null}
            onDelete={() => remove(a)}
          />
        ))}
      </ul>
      {uploading && (
        <div className="mt-2 text-sm" data-testid="upload-progress">
          <label className="block wrap-anywhere">
            Uploading “{uploading.name}”…
            <progress className="ml-2 align-middle" max={1} value={uploading.fraction} />
          </label>
        </div>
      )}
      {problems.length > 0 && (
        <ul role="alert" className="mt-2 text-sm text-red-800">
          {problems.map((p) => (
            <li key={p} className="wrap-anywhere">
              {p}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <div className="mt-2 text-sm">
          <input ref={inputRef} type="file" multiple className="sr-only" aria-label="Attach files" onChange={onPick} />
          <button
            type="button"
            className="rounded bg-slate-200 px-3 py-1 disabled:opacity-50"
            disabled={uploading !== null}
            onClick={() => inputRef.current?.click()}
          >
            Attach a file…
          </button>
          <span className="ml-2 text-xs text-slate-600">
            or drop files here; up to {formatSize(ATTACHMENT_LIMITS.maxBytes)} each
          </span>
        </div>
      )}
    </section>
  );
};
