import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { BoardSyncStore } from '../sync/board-store';
import { DeleteBoardButton } from './DeleteBoard';

interface HeadingProps {
  readonly store: BoardSyncStore;
  /** Owners and admins may rename and archive a board (the server's `board.manage`). */
  readonly canManage: boolean;
}

interface BoardHeadingProps extends HeadingProps {
  /** Deletes the board for good (owners and admins); absent, no delete is offered. */
  readonly onDelete?: () => Promise<void>;
}

/** The board's title, with Rename, Archive and Delete for those who manage boards. */
export const BoardHeading = ({ store, canManage, onDelete }: BoardHeadingProps) => {
  const board = useStore(store, (s) => s.view?.board);
  const [editing, setEditing] = useState<string | null>(null);
  const title = board?.title ?? 'Loading board…';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = editing?.trim().slice(0, 200);
    setEditing(null);
    if (next && next !== board?.title) store.getState().mutate({ kind: 'board.update', title: next });
  };
  if (editing !== null)
    return (
      <form onSubmit={submit} className="flex min-w-0 items-center gap-1">
        <input
          aria-label="Board title"
          autoFocus
          required
          maxLength={200}
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
          className="min-w-0 rounded border border-slate-300 px-2 py-0.5 text-lg font-semibold"
        />
        <button type="submit" className="rounded bg-indigo-700 px-2 py-1 text-sm text-white">
          Save
        </button>
        <button type="button" className="px-2 py-1 text-sm underline" onClick={() => setEditing(null)}>
          Cancel
        </button>
      </form>
    );
  return (
    <>
      <h1 className="min-w-0 text-xl font-semibold wrap-anywhere">{title}</h1>
      {canManage && board && (
        <span className="flex gap-2 text-sm">
          <button type="button" className="underline" onClick={() => setEditing(board.title)}>
            Rename board
          </button>
          {!board.archived && (
            <button
              type="button"
              className="underline"
              onClick={() => store.getState().mutate({ kind: 'board.update', archived: true })}
            >
              Archive board
            </button>
          )}
          {onDelete && <DeleteBoardButton title={board.title} onDelete={onDelete} />}
        </span>
      )}
    </>
  );
};

/** Says an archived board is frozen, with Restore for those who may. */
export const BoardArchivedBanner = ({ store, canManage }: HeadingProps) => {
  const archived = useStore(store, (s) => s.view?.board.archived === true);
  if (!archived) return null;
  return (
    <div
      data-testid="board-archived"
      className="my-2 flex flex-wrap items-center gap-2 rounded bg-amber-100 px-3 py-2 text-sm text-amber-950"
    >
      This board is archived: nobody can change it until it is restored.
      {canManage ? (
        <button
          type="button"
          className="ml-auto rounded bg-white px-2 py-1 shadow"
          onClick={() => store.getState().mutate({ kind: 'board.update', archived: false })}
        >
          Restore board
        </button>
      ) : (
        <span>Ask an owner or admin of the team to restore it.</span>
      )}
    </div>
  );
};
