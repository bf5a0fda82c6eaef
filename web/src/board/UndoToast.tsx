import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import type { UndoHistory } from '../sync/undo-history';

/** How long a message stays; a failure a little longer, to be read. */
const SHOWN_MS = { info: 8_000, error: 12_000 } as const;

/**
 * The toast after a change ("Card moved — Undo") and what shortcuts say. It is the board's polite live
 * region, so screen readers hear each message; it is kept outside the app root, which an open dialog
 * makes inert, so it is still heard when a dialog closes with a change (a delete from the card dialog).
 */
export const UndoToast = ({ history, canUndo }: { history: UndoHistory; canUndo: boolean }) => {
  const notice = useStore(history.state, (s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(history.dismiss, SHOWN_MS[notice.tone]);
    return () => clearTimeout(timer);
  }, [notice, history]);
  return createPortal(
    <div
      role="status"
      aria-live="polite"
      data-testid="toast"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {notice && (
        <div
          key={notice.id}
          className={`pointer-events-auto flex items-center gap-3 rounded px-4 py-2 text-sm shadow-lg ${
            notice.tone === 'error' ? 'bg-red-800 text-white' : 'bg-slate-900 text-white'
          }`}
        >
          <span className="wrap-anywhere">{notice.text}</span>
          {notice.canUndo && canUndo && (
            <button type="button" className="font-semibold underline" onClick={history.undo}>
              Undo
            </button>
          )}
          <button type="button" aria-label="Dismiss message" className="px-1" onClick={history.dismiss}>
            ×
          </button>
        </div>
      )}
    </div>,
    document.body,
  );
};
