import { useEffect, useRef } from 'react';

/** Everything the board's keyboard shortcuts can do. */
export type ShortcutAction = 'undo' | 'new-card' | 'edit-card' | 'archive-card' | 'labels' | 'members' | 'due' | 'help';

export interface Shortcut {
  /** How the keys read in the help sheet. */
  readonly keys: readonly string[];
  readonly action: ShortcutAction;
  readonly description: string;
}

/** The shortcuts, in the order the help sheet lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['n'], action: 'new-card', description: 'Add a card to the focused list (or the first list)' },
  { keys: ['e'], action: 'edit-card', description: 'Open the focused card' },
  { keys: ['c'], action: 'archive-card', description: 'Archive the focused card' },
  { keys: ['l'], action: 'labels', description: 'Open the focused card at its labels' },
  { keys: ['m'], action: 'members', description: 'Open the focused card at its members' },
  { keys: ['d'], action: 'due', description: 'Open the focused card at its due date' },
  { keys: ['Ctrl+Z', '⌘Z'], action: 'undo', description: 'Undo your last change on this board' },
  { keys: ['?'], action: 'help', description: 'Show these shortcuts' },
];

const LETTERS: Readonly<Record<string, ShortcutAction>> = Object.fromEntries(
  SHORTCUTS.filter((s) => s.keys.length === 1 && /^[a-z]$/.test(s.keys[0]!)).map((s) => [s.keys[0]!, s.action]),
);

/** Whether keys typed at `target` are text (where the browser's own undo and plain letters belong). */
export const isTextEntry = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null);

/** The parts of a key press that decide a shortcut. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly target: EventTarget | null;
  readonly defaultPrevented?: boolean;
}

/**
 * The shortcut a key press means, or null. Nothing fires while typing in a text field; letters fire
 * only without modifiers and not while a dialog is open (its own keys come first); undo is Ctrl+Z or
 * Cmd+Z (Shift would be redo, which there is not).
 */
export const shortcutOf = (e: KeyPress, dialogOpen: boolean): ShortcutAction | null => {
  if (e.defaultPrevented || isTextEntry(e.target)) return null;
  const command = e.ctrlKey || e.metaKey;
  if (command && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z') return 'undo';
  if (command || e.altKey || dialogOpen) return null;
  // "?" is Shift+/ on most layouts: it is read by the character, whatever it took to type it.
  if (e.key === '?') return 'help';
  if (e.shiftKey) return null;
  return LETTERS[e.key] ?? null;
};

/** Listens for the board's shortcuts on the whole page while mounted. */
export const useShortcuts = (onShortcut: (action: ShortcutAction) => void): void => {
  const handler = useRef(onShortcut);
  handler.current = onShortcut;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e, document.querySelector('[aria-modal="true"]') !== null);
      if (action === null) return;
      e.preventDefault();
      handler.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
};

/** The card that has keyboard focus (or holds it), if any. */
export const focusedCard = (): HTMLElement | null =>
  document.activeElement instanceof HTMLElement
    ? document.activeElement.closest<HTMLElement>('[data-testid="card"][data-card-id]')
    : null;

/** The list that holds focus, else the first list on the board. */
export const focusedOrFirstList = (): HTMLElement | null =>
  (document.activeElement instanceof HTMLElement
    ? document.activeElement.closest<HTMLElement>('[data-testid="list"]')
    : null) ?? document.querySelector<HTMLElement>('[data-testid="list"]');
