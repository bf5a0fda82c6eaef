import { useId, useState, type FormEvent } from 'react';
import { Modal } from './Modal';

interface DeleteBoardProps {
  readonly title: string;
  /** Deletes the board on the server; a rejection is shown in the dialog, which stays open. */
  readonly onDelete: () => Promise<void>;
}

/**
 * "Delete board…" for owners and admins: a dialog that asks for the board's name typed out (as GitHub
 * does for a repository), because nothing on the board can be restored afterwards.
 */
export const DeleteBoardButton = ({ title, onDelete }: DeleteBoardProps) => {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const close = () => {
    setAsking(false);
    setTyped('');
    setError(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (typed !== title || busy) return;
    setBusy(true);
    try {
      await onDelete();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The board could not be deleted');
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="text-red-800 underline" onClick={() => setAsking(true)}>
        Delete board…
      </button>
      {asking && (
        <Modal labelledBy={`${id}-title`} onClose={close}>
          <form onSubmit={(e) => void submit(e)} data-testid="confirm-delete-board">
            <h2 id={`${id}-title`} className="mb-2 text-lg font-semibold wrap-anywhere">
              Delete the board “{title}”?
            </h2>
            <p className="text-sm text-slate-700">
              Its lists, cards, comments, files and activity are deleted permanently, for everyone. This cannot be
              undone; archive the board instead to keep it restorable.
            </p>
            <label className="mt-3 block text-sm">
              Type <strong className="wrap-anywhere">{title}</strong> to confirm
              <input
                autoFocus
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
            {error && (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {error}
              </p>
            )}
            <div className="mt-4 flex flex-wrap gap-2">
              <button
                type="submit"
                disabled={typed !== title || busy}
                className="rounded bg-red-700 px-3 py-1 text-white disabled:opacity-50"
              >
                {busy ? 'Deleting…' : 'Delete permanently'}
              </button>
              <button type="button" className="rounded bg-slate-200 px-3 py-1" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        </Modal>
      )}
    </>
  );
};
