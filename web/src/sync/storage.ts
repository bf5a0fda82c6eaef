import type { BoardState } from '../../../src/domain/board-state';
import type { PendingMutation } from './pending';

/** The part of the Web Storage API the offline queue needs; `localStorage` in the browser. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What survives a reload or a crash for one board: the last confirmed state and the unconfirmed mutations. */
export interface PersistedBoard {
  readonly confirmed: BoardState | null;
  readonly pending: readonly PendingMutation[];
}

const keys = (boardId: string) => ({
  confirmed: `boardroom:${boardId}:confirmed`,
  pending: `boardroom:${boardId}:pending`,
});

const parse = <T>(raw: string | null): T | null => {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    // A half-written or foreign value is worth less than a fresh snapshot from the server.
    return null;
  }
};

export const loadBoard = (storage: KeyValueStorage, boardId: string): PersistedBoard => {
  const k = keys(boardId);
  return {
    confirmed: parse<BoardState>(storage.getItem(k.confirmed)),
    pending: parse<PendingMutation[]>(storage.getItem(k.pending)) ?? [],
  };
};

/** Pending mutations are written at once: they are the user's unsaved work. */
export const savePending = (storage: KeyValueStorage, boardId: string, pending: readonly PendingMutation[]): void => {
  storage.setItem(keys(boardId).pending, JSON.stringify(pending));
};

export const saveConfirmed = (storage: KeyValueStorage, boardId: string, confirmed: BoardState): void => {
  try {
    storage.setItem(keys(boardId).confirmed, JSON.stringify(confirmed));
  } catch {
    // Quota exceeded on a huge board: the server still has it; only the offline start is lost.
    storage.removeItem(keys(boardId).confirmed);
  }
};

/** A storage that lives as long as the page; used where the browser offers none. */
export const memoryStorage = (): KeyValueStorage => {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
};
