import type { Task } from 'fp-ts/Task';
import type { BoardId, Notification, Role, TeamId, UserId } from '../../domain';
import type { ReadSelection } from './notifications';

/** Operational news every instance must hear, whichever instance it happened on. */
export type ControlMessage =
  /** The user logged out or changed their password: close their sockets everywhere. */
  | { readonly type: 'user.signed_out'; readonly userId: UserId }
  /** One session (refresh family) ended: logout, replay detected. Close the sockets opened with its tokens. */
  | { readonly type: 'session.revoked'; readonly userId: UserId; readonly familyId: string }
  /** The user left or was removed from the team: close their sockets on that team's boards. */
  | { readonly type: 'member.removed'; readonly teamId: TeamId; readonly userId: UserId }
  /** The user's role in the team changed: their sockets on that team's boards must act with the new role. */
  | { readonly type: 'member.role_changed'; readonly teamId: TeamId; readonly userId: UserId; readonly role: Role }
  /** The team now lives on another shard at a new epoch: forget cached placement, resync its sockets. */
  | { readonly type: 'tenant.moved'; readonly teamId: TeamId; readonly shardId: string; readonly epoch: number }
  /** The board was deleted for good: instances drop their copy, its sockets are told it is gone. */
  | { readonly type: 'board.deleted'; readonly teamId: TeamId; readonly boardId: BoardId }
  /** A notification was stored for the user: every socket of theirs, on any instance, is told. */
  | { readonly type: 'user.notified'; readonly userId: UserId; readonly notification: Notification }
  /** The user marked notifications read in one tab: every socket of theirs is told, with the unread count after. */
  | {
      readonly type: 'notifications.read';
      readonly userId: UserId;
      readonly read: ReadSelection;
      readonly unread: number;
    };

export type ControlListener = (message: ControlMessage) => void;

/**
 * A broadcast channel between instances (Redis pub/sub, or in-process for one instance). Best effort:
 * every message also has a backstop (token expiry, membership re-checks, placement TTL and fences).
 */
export interface ControlBus {
  /** Sends a message to every instance, this one included; never fails the caller. */
  readonly publish: (message: ControlMessage) => Task<void>;
  /** Hears every message; returns the function that stops hearing. */
  readonly onMessage: (listener: ControlListener) => () => void;
}
