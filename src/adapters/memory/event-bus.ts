import type { Task } from 'fp-ts/Task';
import type { EventPublisher } from '../../application/ports';
import type { BoardEventListener, EventSubscriber, ResyncListener } from '../../application/ports/realtime';
import type { BoardEventRecord, BoardId, TeamId } from '../../domain';

const key = (teamId: TeamId, boardId: BoardId) => `${teamId}/${boardId}`;

/** Calls every listener; one broken listener must not stop the others or fail a committed mutation. */
const notifyAll = <A extends unknown[]>(listeners: Iterable<(...args: A) => void>, ...args: A): void => {
  for (const listener of [...listeners]) {
    try {
      listener(...args);
    } catch {
      // The listener owns its failure (a dead socket); the event is in the log for whoever catches up.
    }
  }
};

/**
 * In-process pub/sub for a single instance: the publisher side for the application, and per-board
 * subscriptions for the real-time layer. Delivery is synchronous and in publish order; nothing is
 * lost in-process, so resync is only announced when someone calls `announceResync`.
 */
export class MemoryEventBus implements EventPublisher, EventSubscriber {
  private readonly listeners = new Map<string, Set<BoardEventListener>>();
  private readonly resyncListeners = new Set<ResyncListener>();

  readonly publish =
    (event: BoardEventRecord): Task<void> =>
    async () => {
      notifyAll(this.listeners.get(key(event.teamId, event.boardId)) ?? [], event);
    };

  readonly subscribe =
    (teamId: TeamId, boardId: BoardId, listener: BoardEventListener): Task<() => void> =>
    async () => {
      const k = key(teamId, boardId);
      const set = this.listeners.get(k) ?? new Set<BoardEventListener>();
      set.add(listener);
      this.listeners.set(k, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && this.listeners.get(k) === set) this.listeners.delete(k);
      };
    };

  readonly onResync = (listener: ResyncListener): (() => void) => {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  };

  /** Tells resync listeners a board's stream may have a hole (e.g. its team moved shard). */
  announceResync(teamId: TeamId, boardId: BoardId): void {
    notifyAll(this.resyncListeners, teamId, boardId);
  }

  /** How many listeners a board has. */
  listenerCount(teamId: TeamId, boardId: BoardId): number {
    return this.listeners.get(key(teamId, boardId))?.size ?? 0;
  }
}
