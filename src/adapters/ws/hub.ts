import type { Logger } from 'pino';
import type { EventSubscriber } from '../../application/ports/realtime';
import type { BoardEventRecord, BoardId, TeamId } from '../../domain';
import type { Connection } from './connection';
import { eventFrame } from './frames';
import type { RealtimeMetrics } from './metrics';
import type { FrameData } from './socket';

/** A local listener of one board: a subscription on one connection. */
export interface BoardMember {
  /** Takes an event and its frame, serialized and UTF-8 encoded once for every member. */
  deliver(event: BoardEventRecord, frame: FrameData): void;
  /** The stream may have a hole the member cannot see: tell the client to resync. */
  resync(reason: string): void;
  /** The board was deleted: tell the client and stop. */
  gone(): void;
}

interface Channel {
  readonly members: Set<BoardMember>;
  readonly subscribed: Promise<() => void>;
}

export interface HubTimings {
  /** Ping every socket this often; one that missed the previous pong is dropped. */
  readonly heartbeatMs: number;
  /** How often sockets are checked for an expired token or being stuck past their timeout. */
  readonly sweepMs: number;
}

const key = (teamId: string, boardId: string) => `${teamId}/${boardId}`;

/**
 * One per instance: a single bus subscription per board that has local sockets, each event
 * serialized and encoded once and the same bytes handed to every local subscriber (the sockets
 * write them batched per tick, see `TickBatch`); and the timers that keep sockets honest
 * (heartbeats, expired tokens, stuck slow consumers).
 */
export class Hub {
  private readonly channels = new Map<string, Channel>();
  private readonly connections = new Set<Connection>();
  private readonly timers: ReturnType<typeof setInterval>[];
  private readonly stopResync: () => void;

  constructor(
    private readonly subscriber: EventSubscriber,
    private readonly logger: Logger,
    private readonly metrics: RealtimeMetrics,
    timings: HubTimings,
  ) {
    this.stopResync = subscriber.onResync((teamId, boardId) => this.busResync(teamId, boardId));
    this.timers = [
      setInterval(() => this.connections.forEach((c) => c.heartbeat()), timings.heartbeatMs),
      setInterval(() => this.connections.forEach((c) => c.sweep()), timings.sweepMs),
    ];
    this.timers.forEach((t) => t.unref());
  }

  /** Adds a board's local member; resolves once the board's bus subscription is live, with the function that leaves. */
  async join(teamId: TeamId, boardId: BoardId, member: BoardMember): Promise<() => void> {
    const k = key(teamId, boardId);
    const channel = this.channels.get(k) ?? this.open(teamId, boardId);
    channel.members.add(member);
    await channel.subscribed;
    return () => this.leave(k, channel, member);
  }

  /** Starts tracking a connection for heartbeats and stuck checks. */
  track(connection: Connection): void {
    this.connections.add(connection);
  }

  /** Stops tracking a closed connection. */
  untrack(connection: Connection): void {
    this.connections.delete(connection);
  }

  /** Every live connection (for closing a user's sockets, or all of them on shutdown). */
  all(): readonly Connection[] {
    return [...this.connections];
  }

  /** Stops the timers and the bus subscriptions. */
  async stop(): Promise<void> {
    this.timers.forEach((t) => clearInterval(t));
    this.stopResync();
    const channels = [...this.channels.values()];
    this.channels.clear();
    for (const channel of channels) (await channel.subscribed)();
  }

  private open(teamId: TeamId, boardId: BoardId): Channel {
    const members = new Set<BoardMember>();
    const subscribed = this.subscriber.subscribe(teamId, boardId, (event) => this.fanOut(members, event))();
    const channel = { members, subscribed };
    this.channels.set(key(teamId, boardId), channel);
    return channel;
  }

  private leave(k: string, channel: Channel, member: BoardMember): void {
    channel.members.delete(member);
    if (channel.members.size > 0 || this.channels.get(k) !== channel) return;
    this.channels.delete(k);
    void channel.subscribed.then((unsubscribe) => unsubscribe());
  }

  private fanOut(members: Set<BoardMember>, event: BoardEventRecord): void {
    if (members.size === 0) return;
    // Encoded once here, not once per socket: every socket is written the same bytes.
    const frame = Buffer.from(eventFrame(event));
    for (const member of [...members]) member.deliver(event, frame);
    this.metrics.eventFannedOut(members.size);
  }

  /** Tells every local socket on the team's boards to resync (the team moved to another shard). */
  resyncTeam(teamId: TeamId, reason: string): number {
    const members = [...this.channels.entries()]
      .filter(([k]) => k.startsWith(key(teamId, '' as BoardId)))
      .flatMap(([, channel]) => [...channel.members]);
    for (const member of members) member.resync(reason);
    return members.length;
  }

  /** Tells every local socket on a deleted board that it is gone, and drops them from it. */
  boardGone(teamId: TeamId, boardId: BoardId): number {
    const members = [...(this.channels.get(key(teamId, boardId))?.members ?? [])];
    for (const member of members) member.gone();
    return members.length;
  }

  private busResync(teamId: TeamId, boardId: BoardId): void {
    const channel = this.channels.get(key(teamId, boardId));
    if (!channel) return;
    this.logger.warn({ teamId, boardId, sockets: channel.members.size }, 'bus resync: local sockets told to resync');
    for (const member of [...channel.members]) member.resync('bus_resubscribed');
  }
}
