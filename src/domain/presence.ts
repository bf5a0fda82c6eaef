import type { BoardId, CardId, TeamId, UserId } from './ids';

/**
 * Presence: who has a board open and which card's dialog each has open. It is ephemeral state, never
 * an event: it lives in the presence bus with an expiry and is gone when the socket is.
 */

/** One socket's presence on one board. */
export interface PresenceEntry {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  /** The socket, unique across instances (`<instance>:<n>`): a user with two tabs has two entries. */
  readonly connectionId: string;
  readonly userId: UserId;
  readonly name: string;
  /** The card whose dialog the socket has open, or null. */
  readonly editing: CardId | null;
  /** Milliseconds since the epoch when `editing` last changed: the latest tab wins a merge. */
  readonly changedAt: number;
}

/** A person on a board, as clients are told: one per user, however many tabs. */
export interface PresenceViewer {
  readonly userId: UserId;
  readonly name: string;
  readonly editing: CardId | null;
}

const byChange = (a: PresenceEntry, b: PresenceEntry) => b.changedAt - a.changedAt;

/**
 * One viewer per user: the name of their latest entry, and the card of the latest entry that has one
 * open (any tab editing counts). Ordered by name then id, so every instance builds the same list.
 */
export const mergeViewers = (entries: readonly PresenceEntry[]): PresenceViewer[] => {
  const byUser = new Map<UserId, PresenceEntry[]>();
  for (const e of entries) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
  const viewers = [...byUser.entries()].map(([userId, own]): PresenceViewer => {
    const latest = [...own].sort(byChange);
    return {
      userId,
      name: latest[0]?.name ?? '',
      editing: latest.find((e) => e.editing !== null)?.editing ?? null,
    };
  });
  const key = (v: PresenceViewer) => `${v.name}\u0000${v.userId}`;
  return viewers.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
};
