import type { Task } from 'fp-ts/Task';
import type { BoardEventRecord, BoardId, TeamId } from '../../domain';

/** Receives the events published for one board, in the order the bus delivers them. */
export type BoardEventListener = (event: BoardEventRecord) => void;

/** Receives the boards whose live stream may have lost events (the bus connection dropped and came back). */
export type ResyncListener = (teamId: TeamId, boardId: BoardId) => void;

/**
 * The listening side of the event bus. Like the publisher it is a hint, never the record: events can
 * be lost, so listeners detect gaps by `seq` and read the event log to fill them.
 */
export interface EventSubscriber {
  /**
   * Listens to one board's events. The task settles once the subscription is live upstream (or the
   * attempt failed and a resync will follow), and yields the function that stops listening.
   */
  readonly subscribe: (teamId: TeamId, boardId: BoardId, listener: BoardEventListener) => Task<() => void>;
  /** Hears about boards whose stream may have a hole; returns the function that stops hearing. */
  readonly onResync: (listener: ResyncListener) => () => void;
}
