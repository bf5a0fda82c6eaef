import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab visits inside `root`, in order. */
const focusables = (root: HTMLElement): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.closest('[inert]'));

/** Tab and Shift+Tab wrap around inside the dialog instead of leaving it. */
const trapTab = (e: KeyboardEvent, panel: HTMLElement) => {
  const items = focusables(panel);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    e.preventDefault();
    panel.focus();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof Node && panel.contains(active) && active !== panel;
  if (e.shiftKey && (!inside || active === first)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (!inside || active === last)) {
    e.preventDefault();
    first.focus();
  }
};

interface ModalProps {
  /** The id of the element that names the dialog. */
  readonly labelledBy: string;
  readonly onClose: () => void;
  /** Where focus goes on close when the element that opened the dialog is gone (e.g. re-rendered). */
  readonly returnFocus?: () => HTMLElement | null;
  readonly children: ReactNode;
}

/**
 * A modal dialog: focus moves in and stays in (Tab cycles, the page behind is inert), Escape or a click
 * outside closes it, and focus goes back to what opened it. Full-screen on phones (see styles.css).
 */
export const Modal = ({ labelledBy, onClose, returnFocus, children }: ModalProps) => {
  const panel = useRef<HTMLDivElement>(null);
  // Read during the first render, before the dialog takes focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const close = useRef(onClose);
  close.current = onClose;
  const back = useRef(returnFocus);
  back.current = returnFocus;
  // A click that starts in the dialog and ends outside (selecting text) does not close it.
  const pressedOutside = useRef(false);

  useEffect(() => {
    const el = panel.current;
    if (!el) return;
    const app = document.getElementById('root');
    app?.setAttribute('inert', '');
    el.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        // An open list (the mention picker) takes Escape to close itself, not the dialog.
        if (e.target instanceof HTMLElement && e.target.getAttribute('aria-expanded') === 'true') return;
        e.preventDefault();
        close.current();
      } else if (e.key === 'Tab') trapTab(e, el);
    };
    // Focus that lands outside (a script, an extension) is brought back in.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !el.contains(e.target)) (focusables(el)[0] ?? el).focus();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      app?.removeAttribute('inert');
      const target = opener?.isConnected && opener !== document.body ? opener : back.current?.();
      target?.focus();
    };
  }, [opener]);

  return createPortal(
    <div
      className="dialog-backdrop fixed inset-0 z-10 flex items-start justify-center bg-black/40 p-8"
      onMouseDown={(e) => (pressedOutside.current = e.target === e.currentTarget)}
      onClick={(e) => e.target === e.currentTarget && pressedOutside.current && onClose()}
    >
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        className="dialog-panel max-h-full w-full max-w-lg overflow-y-auto rounded-lg bg-white p-5 shadow-xl outline-none"
      >
        {children}
      </div>
    </div>,
    document.body,
  );
};
