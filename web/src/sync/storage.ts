import type { BoardState } from '../../../src/domain/board-state';
import { BoardStateCodec } from '../../../src/domain/entity-codecs';
import { EVENT_SCHEMA_VERSION } from '../../../src/domain/event-record';
import type { PendingMutation } from './pending';

/** The part of the Web Storage API the offline queue needs; `localStorage` in the browser. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** How many keys are stored; with `key(i)`, lets logout find every key of one user. */
  readonly length: number;
  key(index: number): string | null;
}

/** What survives a reload or a crash for one board: the last confirmed state and the unconfirmed mutations. */
export interface PersistedBoard {
  readonly confirmed: BoardState | null;
  readonly pending: readonly PendingMutation[];
}

/**
 * Whose copy of which board. A browser may be shared: every stored board belongs to one user, so a
 * queue written by one person is never read (let alone sent) in another person's session.
 */
export interface BoardScope {
  readonly userId: string;
  readonly teamId: string;
  readonly boardId: string;
}

const PREFIX = 'boardroom:v2:';
const userPrefix = (userId: string) => `${PREFIX}user:${encodeURIComponent(userId)}:`;
const keys = (s: BoardScope) => {
  const base = `${userPrefix(s.userId)}team:${encodeURIComponent(s.teamId)}:board:${encodeURIComponent(s.boardId)}`;
  return { confirmed: `${base}:confirmed`, pending: `${base}:pending` };
};
const PENDING_KEY = /^team:([^:]*):board:([^:]*):pending$/;
/** Keys of the first version, keyed by board id only: nobody can tell whose they are. */
const LEGACY_KEY = /^boardroom:[0-9a-f-]{36}:(confirmed|pending)$/;

const parse = <T>(raw: string | null): T | null => {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    // A half-written or foreign value is worth less than a fresh snapshot from the server.
    return null;
  }
};

const allKeys = (storage: KeyValueStorage): string[] => {
  const out: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k !== null) out.push(k);
  }
  return out;
};

/** A confirmed board as stored: the state built from events and the event schema version it was built in. */
interface StoredBoard {
  readonly v: number;
  readonly state: BoardState;
}

/**
 * A stored board decoded, or null when it cannot be: from a newer schema version, or not a board at all.
 * A value without `v` is the first, unversioned form (the bare state), whose shape version 2 kept.
 */
const decodeStoredBoard = (raw: unknown): BoardState | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const v = 'v' in raw ? raw.v : 1;
  const state = v === 1 ? raw : v === EVENT_SCHEMA_VERSION && 'state' in raw ? raw.state : undefined;
  const decoded = BoardStateCodec.decode(state);
  return decoded._tag === 'Right' ? decoded.right : null;
};

/**
 * The board stored for this user: a confirmed state that does not decode is dropped (and removed), so
 * the board is read afresh from the server instead of rendering what this build cannot trust.
 */
export const loadBoard = (storage: KeyValueStorage, scope: BoardScope): PersistedBoard => {
  const k = keys(scope);
  const raw = storage.getItem(k.confirmed);
  const confirmed = decodeStoredBoard(parse<unknown>(raw));
  if (confirmed === null && raw !== null) storage.removeItem(k.confirmed);
  return { confirmed, pending: parse<PendingMutation[]>(storage.getItem(k.pending)) ?? [] };
};

/** Pending mutations are written at once: they are the user's unsaved work. */
export const savePending = (storage: KeyValueStorage, scope: BoardScope, pending: readonly PendingMutation[]): void => {
  if (pending.length === 0) storage.removeItem(keys(scope).pending);
  else storage.setItem(keys(scope).pending, JSON.stringify(pending));
};

export const saveConfirmed = (storage: KeyValueStorage, scope: BoardScope, confirmed: BoardState): void => {
  try {
    const stored: StoredBoard = { v: EVENT_SCHEMA_VERSION, state: confirmed };
    storage.setItem(keys(scope).confirmed, JSON.stringify(stored));
  } catch {
    // Quota exceeded on a huge board: the server still has it; only the offline start is lost.
    storage.removeItem(keys(scope).confirmed);
  }
};

/** Drops this user's copy of a board they can no longer open (removed from the team, board deleted). */
export const forgetBoard = (storage: KeyValueStorage, scope: BoardScope): void => {
  const k = keys(scope);
  storage.removeItem(k.confirmed);
  storage.removeItem(k.pending);
};

/** A board of one user with changes not yet confirmed by the server. */
export interface UnsyncedBoard extends BoardScope {
  readonly count: number;
}

/** Every board on which `userId` has unsynced changes on this device. */
export const unsyncedBoards = (storage: KeyValueStorage, userId: string): UnsyncedBoard[] => {
  const prefix = userPrefix(userId);
  return allKeys(storage).flatMap((key) => {
    const m = key.startsWith(prefix) ? PENDING_KEY.exec(key.slice(prefix.length)) : null;
    if (!m) return [];
    const count = parse<PendingMutation[]>(storage.getItem(key))?.length ?? 0;
    if (count === 0) return [];
    return [{ userId, teamId: decodeURIComponent(m[1]!), boardId: decodeURIComponent(m[2]!), count }];
  });
};

/** Removes everything this device keeps for `userId` (logout), plus unattributable first-version copies. */
export const clearUserData = (storage: KeyValueStorage, userId: string): void => {
  const prefix = userPrefix(userId);
  for (const key of allKeys(storage)) if (key.startsWith(prefix) || LEGACY_KEY.test(key)) storage.removeItem(key);
};

/** A storage that lives as long as the page; used where the browser offers none. */
export const memoryStorage = (): KeyValueStorage => {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
  };
};

let fallback: KeyValueStorage | null = null;

/** The browser's localStorage, or a page-long memory store where it is missing or blocked. */
export const deviceStorage = (): KeyValueStorage => {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Some browsers throw on access when storage is disabled for the site.
  }
  fallback ??= memoryStorage();
  return fallback;
};
