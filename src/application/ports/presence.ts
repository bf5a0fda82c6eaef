import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, BoardId, PresenceEntry, TeamId } from '../../domain';

/** How long a presence entry lives without being stored again, unless the instance says otherwise. */
export const DEFAULT_PRESENCE_TTL_MS = 15_000;

/** Hears that a board's presence changed on some instance: read it again. */
export type PresenceListener = (teamId: TeamId, boardId: BoardId) => void;

/** Names one socket's entry on one board. */
export interface PresenceKey {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly connectionId: string;
}

/**
 * Who has which board open, shared by every instance. Ephemeral by design: nothing here is in the
 * event log or a database, every entry lapses after the adapter's expiry unless stored again (so a
 * crashed instance's sockets vanish by themselves), and change notices are hints a reader may miss.
 */
export interface PresenceBus {
  /** Stores (or replaces) entries with a fresh expiry and tells every instance their boards changed. */
  readonly put: (entries: readonly PresenceEntry[]) => TaskEither<AppError, void>;
  /** Stores entries with a fresh expiry and tells nobody: the heartbeat of sockets still open. */
  readonly refresh: (entries: readonly PresenceEntry[]) => TaskEither<AppError, void>;
  /** Removes one socket's entry at once and tells every instance. */
  readonly remove: (key: PresenceKey) => TaskEither<AppError, void>;
  /** A board's entries that have not lapsed, from every instance. */
  readonly list: (teamId: TeamId, boardId: BoardId) => TaskEither<AppError, readonly PresenceEntry[]>;
  /** Hears which boards changed, on any instance; answers the function that stops hearing. */
  readonly onChange: (listener: PresenceListener) => () => void;
}
