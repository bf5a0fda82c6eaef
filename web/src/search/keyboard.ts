import { useEffect, type RefObject } from 'react';

/** Whether keys pressed here are someone typing: inputs, text areas, selects and editable content. */
export const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[contenteditable=""], [contenteditable="true"]')) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
};

/** `/` focuses the element, as on GitHub or Gmail; never while the user is typing somewhere, nor with modifiers. */
export const useSlashToFocus = (ref: RefObject<HTMLElement | null>): void => {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      e.preventDefault();
      ref.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ref]);
};
