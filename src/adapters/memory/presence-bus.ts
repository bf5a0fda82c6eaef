import * as TE from 'fp-ts/TaskEither';
import { DEFAULT_PRESENCE_TTL_MS } from '../../application/ports';
import type { PresenceBus, PresenceKey, PresenceListener } from '../../application/ports';
import type { AppError, BoardId, PresenceEntry, TeamId } from '../../domain';

export { DEFAULT_PRESENCE_TTL_MS };

const boardKey = (teamId: string, boardId: string) => `${teamId}/${boardId}`;

/**
 * Presence inside one process (a single instance, tests). Entries lapse after `ttlMs` like Redis
 * fields would, read against the given clock; change notices go straight to this process's listeners.
 */
export class MemoryPresenceBus implements PresenceBus {
  private readonly boards = new Map<string, Map<string, { entry: PresenceEntry; expiresAt: number }>>();
  private readonly listeners = new Set<PresenceListener>();

  constructor(
    private readonly ttlMs = DEFAULT_PRESENCE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  readonly put = (entries: readonly PresenceEntry[]): TE.TaskEither<AppError, void> =>
    TE.fromIO(() => {
      this.store(entries);
      this.notify(entries);
    });

  readonly refresh = (entries: readonly PresenceEntry[]): TE.TaskEither<AppError, void> =>
    TE.fromIO(() => this.store(entries));

  readonly remove = (key: PresenceKey): TE.TaskEither<AppError, void> =>
    TE.fromIO(() => {
      const board = this.boards.get(boardKey(key.teamId, key.boardId));
      if (board?.delete(key.connectionId)) this.notify([key]);
    });

  readonly list = (teamId: TeamId, boardId: BoardId): TE.TaskEither<AppError, readonly PresenceEntry[]> =>
    TE.fromIO(() => {
      const board = this.boards.get(boardKey(teamId, boardId));
      if (!board) return [];
      const now = this.now();
      for (const [id, held] of board) if (held.expiresAt <= now) board.delete(id);
      if (board.size === 0) this.boards.delete(boardKey(teamId, boardId));
      return [...board.values()].map((held) => held.entry);
    });

  readonly onChange = (listener: PresenceListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private store(entries: readonly PresenceEntry[]): void {
    const expiresAt = this.now() + this.ttlMs;
    for (const entry of entries) {
      const k = boardKey(entry.teamId, entry.boardId);
      const board = this.boards.get(k) ?? new Map<string, { entry: PresenceEntry; expiresAt: number }>();
      board.set(entry.connectionId, { entry, expiresAt });
      this.boards.set(k, board);
    }
  }

  private notify(keys: readonly { teamId: TeamId; boardId: BoardId }[]): void {
    const seen = new Map(keys.map((k) => [boardKey(k.teamId, k.boardId), k]));
    for (const { teamId, boardId } of seen.values())
      for (const listener of [...this.listeners]) listener(teamId, boardId);
  }
}
