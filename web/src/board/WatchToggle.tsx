import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';

interface WatchToggleProps {
  readonly api: ApiClient;
  /** The board's API path (`/api/teams/:teamId/boards/:boardId`). */
  readonly base: string;
  /** The card to watch; without one, the board. */
  readonly cardId?: string;
}

/**
 * "Watch" for a board or a card: a watcher is told of every comment on it (SPEC-15). Shown once the
 * server has said whether this person watches it; a change that fails is undone.
 */
export const WatchToggle = ({ api, base, cardId }: WatchToggleProps) => {
  const [watching, setWatching] = useState<boolean | null>(null);
  const path = cardId === undefined ? `${base}/watch` : `${base}/cards/${cardId}/watch`;
  useEffect(() => {
    let live = true;
    api
      .request<{ board: boolean; cards: string[] }>('GET', `${base}/watch`)
      .then((w) => live && setWatching(cardId === undefined ? w.board : w.cards.includes(cardId)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, base, cardId]);
  if (watching === null) return null;
  const toggle = () => {
    const next = !watching;
    setWatching(next);
    api.request(next ? 'PUT' : 'DELETE', path).catch(() => setWatching(!next));
  };
  return (
    <button
      type="button"
      aria-pressed={watching}
      data-testid={cardId === undefined ? 'watch-board' : 'watch-card'}
      className={`rounded px-2 py-0.5 text-sm ${watching ? 'bg-indigo-100 text-indigo-950' : 'bg-white shadow'}`}
      onClick={toggle}
    >
      <span aria-hidden="true">{watching ? '👁 ' : ''}</span>
      {watching ? 'Watching' : 'Watch'}
      <span className="sr-only">{cardId === undefined ? ' this board' : ' this card'}</span>
    </button>
  );
};
