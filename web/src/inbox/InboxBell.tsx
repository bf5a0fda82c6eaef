import { useEffect, useId, useRef, useState } from 'react';
import { useInbox } from './inbox';
import { InboxPanel } from './InboxPanel';

const BellIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
    <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

/** The header's bell: the unread count, and the inbox under it (Escape or a click elsewhere closes it). */
export const InboxBell = () => {
  const unread = useInbox((s) => s.unread);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onDown = (e: MouseEvent) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="inbox-bell"
        className="relative flex items-center rounded p-1 hover:bg-indigo-600"
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute -top-1 -right-1 min-w-4 rounded-full bg-amber-400 px-1 text-center text-[0.65rem] font-bold text-slate-900"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <InboxPanel id={panelId} onOpen={() => setOpen(false)} />}
    </div>
  );
};
