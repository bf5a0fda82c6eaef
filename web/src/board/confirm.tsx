import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** The label of the button that does it, e.g. "Delete permanently". */
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** Where focus goes afterwards when the button that asked is gone (the item was deleted). */
  readonly returnFocus?: () => HTMLElement | null;
}

/** A yes/no question in a modal dialog (focus kept inside, Escape cancels); for what cannot be undone. */
export const ConfirmDialog = (props: ConfirmDialogProps) => {
  const { title, children, confirmLabel, onConfirm, onCancel, returnFocus } = props;
  const id = useId();
  return (
    <Modal labelledBy={`${id}-title`} onClose={onCancel} {...(returnFocus && { returnFocus })}>
      <h2 id={`${id}-title`} className="mb-2 text-lg font-semibold wrap-anywhere">
        {title}
      </h2>
      <div className="text-sm text-slate-700 wrap-anywhere">{children}</div>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" className="rounded bg-red-700 px-3 py-1 text-white" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="rounded bg-slate-200 px-3 py-1" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
};

/** Whether a confirmation is showing, and the buttons' handlers; `act` runs on confirm. */
export const useConfirm = (act: () => void) => {
  const [asking, setAsking] = useState(false);
  return {
    asking,
    ask: () => setAsking(true),
    cancel: () => setAsking(false),
    confirm: () => {
      setAsking(false);
      act();
    },
  };
};

/**
 * "Delete card…" inside the card dialog. A dialog cannot open over a dialog (each keeps focus to
 * itself), so the question is asked in place: the button turns into it, and focus moves to "Cancel".
 */
export const DeleteCardButton = ({ title, onDelete }: { title: string; onDelete: () => void }) => {
  const { asking, ask, cancel, confirm } = useConfirm(onDelete);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" className="rounded px-3 py-1 text-red-800 underline" onClick={ask}>
        Delete…
      </button>
    );
  return (
    <div
      role="group"
      aria-labelledby={id}
      className="w-full rounded border border-red-300 bg-red-50 p-2 text-sm text-red-950"
      data-testid="confirm-delete-card"
    >
      <p id={id} className="wrap-anywhere">
        Delete the card “{title}” permanently? Its comments go with it. This cannot be undone; archive it instead to
        keep it restorable.
      </p>
      <div className="mt-2 flex gap-2">
        <button type="button" className="rounded bg-red-700 px-3 py-1 text-white" onClick={confirm}>
          Delete permanently
        </button>
        <button type="button" ref={cancelRef} className="rounded bg-white px-3 py-1 shadow" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
};

/** The list header's "Delete" button: asks first, in a dialog, then deletes the list and its cards for good. */
export const DeleteListButton = ({ title, onDelete }: { title: string; onDelete: () => void }) => {
  const { asking, ask, cancel, confirm } = useConfirm(onDelete);
  return (
    <>
      <button
        type="button"
        className="text-xs text-red-800 underline"
        onClick={ask}
        aria-label={`Delete list ${title}`}
      >
        Delete
      </button>
      {asking && (
        <ConfirmDialog
          title={`Delete the list “${title}”?`}
          confirmLabel="Delete permanently"
          onConfirm={confirm}
          onCancel={cancel}
          returnFocus={() =>
            document.querySelector<HTMLElement>('[data-testid="list"] button, [aria-label="Add a list"]')
          }
        >
          The list and all its cards (archived ones too) are deleted permanently. This cannot be undone; archive the
          list instead to keep it restorable.
        </ConfirmDialog>
      )}
    </>
  );
};
