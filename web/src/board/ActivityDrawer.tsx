import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { ApiClient } from '../api/client';
import { ActivityPanel } from './ActivityPanel';

/** From this width (Tailwind's `lg`) the panel fits beside the board; below it, it is a drawer over the board. */
export const WIDE_SCREEN = '(min-width: 1024px)';

const PANEL_ID = 'activity-panel';

/** Whether a CSS media query matches now, following changes; `fallback` where there is no matchMedia. */
export const useMediaQuery = (query: string, fallback: boolean): boolean =>
  useSyncExternalStore(
    useCallback(
      (onChange: () => void) => {
        if (typeof window.matchMedia !== 'function') return () => undefined;
        const list = window.matchMedia(query);
        list.addEventListener('change', onChange);
        return () => list.removeEventListener('change', onChange);
      },
      [query],
    ),
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : fallback),
    () => fallback,
  );

export interface ActivityDrawer {
  /** Wide screens show the panel beside the board; narrow ones as a drawer over it. */
  readonly wide: boolean;
  readonly open: boolean;
  readonly toggle: () => void;
  /** Closes the panel; a drawer hands focus back to the button that opened it. */
  readonly close: () => void;
  readonly toggleRef: RefObject<HTMLButtonElement | null>;
}

/** Open by default beside the board on wide screens; closed by default on phones and small tablets. */
export const useActivityDrawer = (): ActivityDrawer => {
  const wide = useMediaQuery(WIDE_SCREEN, true);
  const [open, setOpen] = useState(wide);
  const [openedFor, setOpenedFor] = useState(wide);
  // Crossing the breakpoint (rotating a tablet) gives that size's default rather than a drawer over the board.
  if (openedFor !== wide) {
    setOpenedFor(wide);
    setOpen(wide);
  }
  const toggleRef = useRef<HTMLButtonElement | null>(null);
  const close = useCallback(() => {
    setOpen(false);
    if (!wide) toggleRef.current?.focus();
  }, [wide]);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  return { wide, open, toggle, close, toggleRef };
};

/** The header button that shows and hides the activity panel. */
export const ActivityToggle = ({ drawer }: { drawer: ActivityDrawer }) => (
  <button
    type="button"
    ref={drawer.toggleRef}
    className="rounded bg-white px-2 py-1 text-sm shadow"
    aria-expanded={drawer.open}
    aria-controls={PANEL_ID}
    onClick={drawer.toggle}
  >
    Activity
  </button>
);

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex="0"]';

/** Keeps Tab and Shift+Tab inside `container` (the drawer covers the page, so the page is out of reach). */
const trapTab = (e: KeyboardEvent, container: HTMLElement) => {
  const items = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return e.preventDefault();
  const active = document.activeElement;
  if (e.shiftKey && (active === first || active === container)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
};

interface PanelProps {
  readonly drawer: ActivityDrawer;
  readonly api: ApiClient;
  readonly base: string;
  readonly seq: number;
}

/** The drawer form: a modal panel from the right edge; Escape, Close or a tap beside it closes it. */
const Drawer = ({ drawer, ...panel }: PanelProps) => {
  const closeRef = useRef<HTMLButtonElement | null>(null);
  const dialogRef = useRef<HTMLElement | null>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      drawer.close();
    } else if (e.key === 'Tab' && dialogRef.current) trapTab(e, dialogRef.current);
  };
  return (
    <div className="fixed inset-0 z-40" data-testid="activity-drawer">
      <div className="absolute inset-0 bg-slate-900/40" aria-hidden="true" onClick={drawer.close} />
      <aside
        ref={dialogRef}
        id={PANEL_ID}
        role="dialog"
        aria-modal="true"
        aria-labelledby="activity-title"
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className="absolute inset-y-0 right-0 w-80 max-w-[85vw] overflow-y-auto bg-white p-3 shadow-xl outline-none"
      >
        <ActivityPanel {...panel} onClose={drawer.close} closeRef={closeRef} />
      </aside>
    </div>
  );
};

/** The activity panel where it belongs for the screen: beside the board, or as a drawer over it. */
export const ActivityDrawerPanel = ({ drawer, ...panel }: PanelProps) => {
  if (!drawer.open) return null;
  if (!drawer.wide) return <Drawer drawer={drawer} {...panel} />;
  return (
    <aside id={PANEL_ID} aria-labelledby="activity-title" className="w-80 shrink-0 rounded-lg bg-white p-3 shadow">
      <ActivityPanel {...panel} />
    </aside>
  );
};
