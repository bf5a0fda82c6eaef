import { useEffect, useState } from 'react';
import type { BoardSyncStore } from '../sync/board-store';
import { createUndoHistory, type UndoHistory } from '../sync/undo-history';
import { openCardSection, type CardSection } from './card-section';
import { focusedCard, focusedOrFirstList, useShortcuts, type ShortcutAction } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';
import { UndoToast } from './UndoToast';

interface BoardToolsProps {
  readonly store: BoardSyncStore;
  readonly canWrite: boolean;
  readonly onOpenCard: (cardId: string) => void;
}

const SECTIONS: Partial<Record<ShortcutAction, CardSection>> = { labels: 'labels', members: 'members', due: 'due' };

/** The card next to `card` in its list (after it, else before it): where focus goes when it leaves. */
const neighbourOf = (card: HTMLElement): HTMLElement | null => {
  const next = card.nextElementSibling ?? card.previousElementSibling;
  return next instanceof HTMLElement && next.matches('[data-card-id]') ? next : null;
};

/** This tab's undo history of one board: made when the board opens, dropped when another opens. */
const useUndoHistory = (store: BoardSyncStore): UndoHistory | null => {
  const [history, setHistory] = useState<UndoHistory | null>(null);
  useEffect(() => {
    const h = createUndoHistory(store);
    setHistory(h);
    return () => {
      h.stop();
      setHistory(null);
    };
  }, [store]);
  return history;
};

/** Undo (Ctrl/Cmd+Z and the toast's button), the keyboard shortcuts and their help sheet, for one board. */
export const BoardTools = ({ store, canWrite, onOpenCard }: BoardToolsProps) => {
  const history = useUndoHistory(store);
  const [help, setHelp] = useState(false);

  useShortcuts((action) => {
    if (!history) return;
    if (action === 'help') return setHelp(true);
    if (action === 'undo') return canWrite ? history.undo() : undefined;
    if (action === 'new-card') {
      if (!canWrite) return history.say('This board is view only for you');
      const input = focusedOrFirstList()?.querySelector<HTMLInputElement>('input[aria-label^="Add a card to"]');
      return input ? input.focus() : history.say('Add a list first');
    }
    const card = focusedCard();
    const cardId = card?.getAttribute('data-card-id');
    if (!card || !cardId) return history.say('Focus a card first: Tab to it, then press the key again');
    if (action === 'archive-card') {
      if (!canWrite) return history.say('This board is view only for you');
      const next = neighbourOf(card);
      store.getState().mutate({ kind: 'card.update', cardId, archived: true });
      return next?.focus();
    }
    onOpenCard(cardId);
    const section = SECTIONS[action];
    if (section) openCardSection(section);
  });

  if (!history) return null;
  return (
    <>
      <UndoToast history={history} canUndo={canWrite} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </>
  );
};
