import { useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../../../src/domain/attachment';
import type { ApiClient } from '../../api/client';
import { formatSize } from './format';
import { fetchFile, saveBlob } from './transfer';
import { useThumbnail } from './useThumbnail';

interface AttachmentRowProps {
  readonly attachment: Attachment;
  readonly url: string;
  readonly api: ApiClient;
  readonly canWrite: boolean;
  readonly isCover: boolean;
  /** Makes the image the cover (true) or removes it (false); null for files that cannot be one. */
  readonly onCover: ((on: boolean) => void) | null;
  readonly onDelete: () => void;
}

/** One file of a card: preview, name, size, download; for members "Make cover" and a delete asked first. */
export const AttachmentRow = ({
  attachment: a,
  url,
  api,
  canWrite,
  isCover,
  onCover,
  onDelete,
}: AttachmentRowProps) => {
  const thumb = useThumbnail(api, a.hasThumbnail ? `${url}/thumbnail` : null);
  const [asking, setAsking] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);
  const download = () => {
    setFailed(null);
    fetchFile(api, url).then(
      (blob) => saveBlob(blob, a.name),
      (err: unknown) => setFailed(`Download failed: ${String((err as Error).message)}`),
    );
  };
  return (
    <li
      className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-1 text-sm"
      data-testid="attachment"
    >
      {thumb ? (
        <img src={thumb} alt="" className="h-10 w-10 rounded object-cover" />
      ) : (
        <span aria-hidden className="flex h-10 w-10 items-center justify-center rounded bg-slate-100 text-xs">
          {a.name.split('.').pop()?.slice(0, 4).toUpperCase() ?? 'FILE'}
        </span>
      )}
      <span className="min-w-0 flex-1 wrap-anywhere">
        <button type="button" className="text-left underline" onClick={download} aria-label={`Download ${a.name}`}>
          {a.name}
        </button>
        <span className="ml-2 text-xs text-slate-600">{formatSize(a.size)}</span>
        {isCover && <span className="ml-2 rounded bg-indigo-100 px-1 text-xs text-indigo-900">Cover</span>}
        {failed && (
          <span role="alert" className="block text-xs text-red-800">
            {failed}
          </span>
        )}
      </span>
      {canWrite && onCover && (
        <button type="button" className="rounded px-2 py-0.5 underline" onClick={() => onCover(!isCover)}>
          {isCover ? 'Remove cover' : 'Make cover'}
        </button>
      )}
      {canWrite && !asking && (
        <button
          type="button"
          className="rounded px-2 py-0.5 text-red-800 underline"
          onClick={() => setAsking(true)}
          aria-label={`Delete ${a.name}`}
        >
          Delete…
        </button>
      )}
      {asking && (
        <span
          role="group"
          aria-label={`Delete ${a.name}?`}
          className="flex w-full flex-wrap items-center gap-2 text-red-950"
        >
          Delete “{a.name}” for everyone? This cannot be undone.
          <button
            type="button"
            className="rounded bg-red-700 px-2 py-0.5 text-white"
            onClick={() => {
              setAsking(false);
              onDelete();
            }}
          >
            Delete file
          </button>
          <button
            type="button"
            ref={cancelRef}
            className="rounded bg-white px-2 py-0.5 shadow"
            onClick={() => setAsking(false)}
          >
            Cancel
          </button>
        </span>
      )}
    </li>
  );
};
