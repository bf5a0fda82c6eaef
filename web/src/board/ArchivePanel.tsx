import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { Card, List } from '../../../src/domain/board';
import { byDisplayOrder, type BoardState } from '../../../src/domain/board-state';
import type { BoardSyncStore } from '../sync/board-store';
import type { BoardOpInput } from '../sync/ops';
import { ConfirmDialog } from './confirm';

const PANEL_ID = 'archive-panel';

/** An archived card with the list it belongs to (which may be archived too, or gone). */
export interface ArchivedCard {
  readonly card: Card;
  readonly list: List | undefined;
}

/** What the board keeps out of sight: archived lists (with how many cards they hold) and archived cards, newest first. */
export const archivedItems = (s: BoardState | null) => {
  if (s === null) return { lists: [], cards: [] };
  const counts = new Map<string, number>();
  for (const c of Object.values(s.cards)) counts.set(c.listId, (counts.get(c.listId) ?? 0) + 1);
  const lists = Object.values(s.lists)
    .filter((l) => l.archived)
    .sort(byDisplayOrder)
    .map((list) => ({ list, cardCount: counts.get(list.id) ?? 0 }));
  const cards: ArchivedCard[] = Object.values(s.cards)
    .filter((c) => c.archived)
    .sort((a, b) => (a.updatedAt > b.updatedAt ? -1 : a.updatedAt < b.updatedAt ? 1 : byDisplayOrder(a, b)))
    .map((card) => ({ card, list: s.lists[card.listId] }));
  return { lists, cards };
};

export interface ArchiveDrawer {
  readonly open: boolean;
  readonly toggle: () => void;
  readonly close: () => void;
  readonly toggleRef: RefObject<HTMLButtonElement | null>;
}

export const useArchiveDrawer = (): ArchiveDrawer => {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement | null>(null);
  const close = useCallback(() => {
    setOpen(false);
    toggleRef.current?.focus();
  }, []);
  return { open, toggle: useCallback(() => setOpen((o) => !o), []), close, toggleRef };
};

/** The header button that shows and hides the archive. */
export const ArchiveToggle = ({ drawer }: { drawer: ArchiveDrawer }) => (
  <button
    type="button"
    ref={drawer.toggleRef}
    className="rounded bg-white px-2 py-1 text-sm shadow"
    aria-expanded={drawer.open}
    aria-controls={PANEL_ID}
    onClick={drawer.toggle}
  >
    Archive
  </button>
);

type Deleting = { readonly op: BoardOpInput; readonly title: string; readonly text: string } | null;

const button = 'rounded bg-slate-100 px-2 py-0.5 text-xs shadow-sm disabled:opacity-50';

interface PanelProps {
  readonly drawer: ArchiveDrawer;
  readonly store: BoardSyncStore;
  readonly canWrite: boolean;
}

/**
 * The board's archive: archived lists and cards, each restorable or deletable for good (after a
 * confirmation). A card whose list is archived as well comes back only with its list, so it offers
 * restoring the list too rather than restoring into a list nobody sees.
 */
export const ArchivePanel = ({ drawer, store, canWrite }: PanelProps) => {
  const view = useStore(store, (s) => s.view);
  const [deleting, setDeleting] = useState<Deleting>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (drawer.open) heading.current?.focus();
  }, [drawer.open]);
  if (!drawer.open) return null;
  const { lists, cards } = archivedItems(view);
  const mutate = (op: BoardOpInput) => void store.getState().mutate(op);
  // Nothing on an archived board can change until the board is restored.
  const frozen = view?.board.archived === true;
  const may = canWrite && !frozen;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && deleting === null) {
      e.stopPropagation();
      drawer.close();
    }
  };

  return (
    <aside
      id={PANEL_ID}
      aria-labelledby="archive-title"
      onKeyDown={onKeyDown}
      data-testid="archive-panel"
      className="w-80 shrink-0 rounded-lg bg-white p-3 shadow max-lg:fixed max-lg:inset-y-0 max-lg:right-0 max-lg:z-30 max-lg:max-w-[85vw] max-lg:overflow-y-auto"
    >
      <div className="mb-2 flex items-center">
        <h2 id="archive-title" ref={heading} tabIndex={-1} className="font-semibold outline-none">
          Archive
        </h2>
        <button type="button" className="ml-auto text-sm underline" onClick={drawer.close}>
          Close
        </button>
      </div>
      {frozen && <p className="mb-2 text-sm text-slate-700">The board is archived: restore it to change anything.</p>}
      <h3 className="mt-2 text-sm font-medium">Lists</h3>
      {lists.length === 0 ? (
        <p className="text-sm text-slate-600">No archived lists.</p>
      ) : (
        <ul aria-label="Archived lists">
          {lists.map(({ list, cardCount }) => (
            <li key={list.id} className="my-1 rounded border border-slate-200 p-2 text-sm" data-testid="archived-list">
              <span className="block wrap-anywhere">{list.title}</span>
              <span className="text-xs text-slate-600">
                {cardCount} card{cardCount === 1 ? '' : 's'}
              </span>
              {canWrite && (
                <span className="mt-1 flex gap-2">
                  <button
                    type="button"
                    className={button}
                    disabled={!may}
                    aria-label={`Restore list ${list.title}`}
                    onClick={() => mutate({ kind: 'list.update', listId: list.id, archived: false })}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    className={`${button} text-red-800`}
                    disabled={!may}
                    aria-label={`Delete list ${list.title} permanently`}
                    onClick={() =>
                      setDeleting({
                        op: { kind: 'list.delete', listId: list.id },
                        title: `Delete the list “${list.title}”?`,
                        text: `The list and its ${cardCount} card${cardCount === 1 ? '' : 's'} are deleted permanently. This cannot be undone.`,
                      })
                    }
                  >
                    Delete permanently
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-3 text-sm font-medium">Cards</h3>
      {cards.length === 0 ? (
        <p className="text-sm text-slate-600">No archived cards.</p>
      ) : (
        <ul aria-label="Archived cards">
          {cards.map(({ card, list }) => (
            <li key={card.id} className="my-1 rounded border border-slate-200 p-2 text-sm" data-testid="archived-card">
              <span className="block wrap-anywhere">{card.title}</span>
              <span className="text-xs text-slate-600 wrap-anywhere">
                {list === undefined
                  ? 'Its list was deleted'
                  : list.archived
                    ? `In the archived list ${list.title}: restore the list to see the card on the board`
                    : `In ${list.title}`}
              </span>
              {canWrite && (
                <span className="mt-1 flex flex-wrap gap-2">
                  <button
                    type="button"
                    className={button}
                    disabled={!may}
                    aria-label={`Restore card ${card.title}`}
                    onClick={() => mutate({ kind: 'card.update', cardId: card.id, archived: false })}
                  >
                    Restore
                  </button>
                  {list?.archived && (
                    <button
                      type="button"
                      className={button}
                      disabled={!may}
                      aria-label={`Restore card ${card.title} and its list ${list.title}`}
                      onClick={() => {
                        mutate({ kind: 'list.update', listId: list.id, archived: false });
                        mutate({ kind: 'card.update', cardId: card.id, archived: false });
                      }}
                    >
                      Restore with its list
                    </button>
                  )}
                  <button
                    type="button"
                    className={`${button} text-red-800`}
                    disabled={!may}
                    aria-label={`Delete card ${card.title} permanently`}
                    onClick={() =>
                      setDeleting({
                        op: { kind: 'card.delete', cardId: card.id },
                        title: `Delete the card “${card.title}”?`,
                        text: 'The card and its comments are deleted permanently. This cannot be undone.',
                      })
                    }
                  >
                    Delete permanently
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={deleting.title}
          confirmLabel="Delete permanently"
          returnFocus={() => heading.current}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            mutate(deleting.op);
            setDeleting(null);
          }}
        >
          {deleting.text}
        </ConfirmDialog>
      )}
    </aside>
  );
};
