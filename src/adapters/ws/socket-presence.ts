import * as E from 'fp-ts/Either';
import type { Actor, Application } from '../../application/api';
import type { AppError, BoardId, PresenceEntry, PresenceFrame, TeamId } from '../../domain';
import type { ServerFrame, WireError } from './frames';
import type { PresenceHub } from './presence-hub';
import type { FrameData } from './socket';
import { wireError } from './wire-errors';

/** What one socket's presence needs from its connection. */
export interface SocketPresenceIo {
  readonly hub: PresenceHub;
  /** Where the user's display name is looked up (once per socket), as member lists show it. */
  readonly application: Pick<Application, 'auth'>;
  readonly actor: () => Actor;
  /** Whether the socket is subscribed to the board (and so was authorized to read it). */
  readonly watches: (teamId: TeamId, boardId: BoardId) => boolean;
  /** Sends a presence frame; it is board data, refused like any to a slow socket. */
  readonly deliver: (frame: FrameData) => void;
  /** Sends a control frame (the error that refuses a presence frame). */
  readonly send: (frame: ServerFrame) => void;
  readonly now: () => number;
}

export const NOT_SUBSCRIBED: WireError = {
  code: 'not_subscribed',
  message: 'Subscribe to the board before announcing presence on it',
  retryable: false,
};

const boardKey = (teamId: string, boardId: string) => `${teamId}/${boardId}`;

/**
 * One socket's presence: announced board by board (only on boards it is subscribed to), gone from a
 * board when the socket leaves it, and from all when the socket closes.
 */
export class SocketPresence {
  private readonly entries = new Map<string, PresenceEntry>();
  private readonly connectionId: string;
  private name: string | null = null;
  private readonly member = { deliver: (frame: FrameData) => this.io.deliver(frame) };

  constructor(private readonly io: SocketPresenceIo) {
    this.connectionId = io.hub.newConnectionId();
  }

  /** Takes a `presence` frame; one about a board the socket is not subscribed to is refused with an error frame. */
  async announce(frame: PresenceFrame): Promise<void> {
    const { teamId, boardId, editing } = frame;
    if (!this.io.watches(teamId, boardId)) return this.refuse(NOT_SUBSCRIBED, frame);
    const name = await this.nameOf();
    if (E.isLeft(name)) return this.refuse(wireError(name.left), frame);
    // The board may have been dropped (resync, close) while the name was looked up.
    if (!this.io.watches(teamId, boardId)) return;
    const before = this.entries.get(boardKey(teamId, boardId));
    if (before && before.editing === editing) return;
    const entry: PresenceEntry = {
      teamId,
      boardId,
      connectionId: this.connectionId,
      userId: this.io.actor().userId,
      name: name.right,
      editing,
      changedAt: this.io.now(),
    };
    this.entries.set(boardKey(teamId, boardId), entry);
    this.io.hub.set(entry, this.member);
  }

  /** The socket left a board (unsubscribed, told to resync): its entry there goes at once. */
  leave(teamId: TeamId, boardId: BoardId): void {
    if (!this.entries.delete(boardKey(teamId, boardId))) return;
    this.io.hub.leave({ teamId, boardId, connectionId: this.connectionId });
  }

  /** The socket closed. */
  leaveAll(): void {
    for (const { teamId, boardId } of [...this.entries.values()]) this.leave(teamId, boardId);
  }

  private refuse(error: WireError, { teamId, boardId }: PresenceFrame): void {
    this.io.send({ type: 'error', error, teamId, boardId });
  }

  private async nameOf(): Promise<E.Either<AppError, string>> {
    if (this.name !== null) return E.right(this.name);
    const found = await this.io.application.auth.me(this.io.actor())();
    if (E.isLeft(found)) return found;
    this.name = found.right.user.name;
    return E.right(this.name);
  }
}
