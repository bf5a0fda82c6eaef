/** The parts of the card dialog a shortcut can open it at. */
export type CardSection = 'labels' | 'members' | 'due';

/** Dispatched on `document` once the card dialog is open: `detail.section` names the part asked for. */
export const CARD_SECTION_EVENT = 'boardroom:card-section';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/**
 * Brings the open card dialog to one of its sections. A section marks its root with
 * `data-card-section="labels|members|due"`; the first focusable element inside it gets focus. A dialog
 * that lays sections out lazily can listen for `CARD_SECTION_EVENT` and show it first. Without such a
 * section, the dialog simply stays open with its usual focus.
 */
export const openCardSection = (section: CardSection, frames = 10): void => {
  const attempt = (left: number, announced: boolean) => {
    const dialog = document.querySelector('[role="dialog"]');
    if (dialog && !announced) document.dispatchEvent(new CustomEvent(CARD_SECTION_EVENT, { detail: { section } }));
    const root = dialog?.querySelector<HTMLElement>(`[data-card-section="${section}"]`);
    if (root) return (root.matches(FOCUSABLE) ? root : (root.querySelector<HTMLElement>(FOCUSABLE) ?? root)).focus();
    if (left > 0) requestAnimationFrame(() => attempt(left - 1, announced || dialog !== null));
  };
  requestAnimationFrame(() => attempt(frames, false));
};
