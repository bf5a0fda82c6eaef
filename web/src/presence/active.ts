import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PresenceViewer } from '../../../src/domain/presence';
import { createPresenceStore, othersOf, type PresenceStore } from './presence-store';

/** What presence components need from the open board. */
export interface BoardPresence {
  readonly store: PresenceStore;
  /** The signed-in user: not shown as "someone else". */
  readonly me: string;
  /** Tells the others which card's dialog this tab has open (null: none). */
  readonly setEditing: (cardId: string | null) => void;
}

/*
 * The board page shows one board, so its presence is held here rather than passed down through the
 * board's components: the avatars, the card markers and the dialog read it wherever they are.
 */
const active = createStore<{ readonly presence: BoardPresence | null }>(() => ({ presence: null }));
const NOBODY = createPresenceStore();

/** Makes a board's presence the one shown; answers the function that stops showing it. */
export const showPresenceOf = (presence: BoardPresence): (() => void) => {
  active.setState({ presence });
  return () => {
    if (active.getState().presence === presence) active.setState({ presence: null });
  };
};

/** The others on the shown board now; none when no board's presence is shown. */
export const useOthers = (): PresenceViewer[] => {
  const presence = useStore(active, (s) => s.presence);
  const viewers = useStore(presence?.store ?? NOBODY, (s) => s.viewers);
  const me = presence?.me ?? '';
  return useMemo(() => othersOf(viewers, me), [viewers, me]);
};

/** Announces, while the calling component is mounted, that this tab has the card's dialog open. */
export const useEditing = (cardId: string): void => {
  const setEditing = useStore(active, (s) => s.presence?.setEditing);
  useEffect(() => {
    if (!setEditing) return;
    setEditing(cardId);
    return () => setEditing(null);
  }, [setEditing, cardId]);
};
