import * as T from 'fp-ts/Task';
import type { BoardEventListener, EventSubscriber } from '../../application/ports/realtime';
import type { BoardId, TeamId } from '../../domain';

/** A bus living in this process, such as the memory adapter's `MemoryEventBus`. */
export interface LocalBus {
  subscribe(teamId: TeamId, boardId: BoardId, listener: BoardEventListener): () => void;
}

/**
 * An in-process bus as an `EventSubscriber`: its subscriptions are live at once and it has no
 * connection to lose, so it never asks for a resync.
 */
export const inProcessSubscriber = (bus: LocalBus): EventSubscriber => ({
  subscribe: (teamId, boardId, listener) => T.fromIO(() => bus.subscribe(teamId, boardId, listener)),
  onResync: () => () => undefined,
});
