import { Redis, type RedisOptions } from 'ioredis';
import type { Task } from 'fp-ts/Task';
import type { Logger } from 'pino';
import client from 'prom-client';
import type { EventPublisher } from '../../application/ports';
import type { BoardEventListener, EventSubscriber, ResyncListener } from '../../application/ports/realtime';
import { decodeEventRecord, encodeEventRecord, type BoardEventRecord, type BoardId, type TeamId } from '../../domain';
import { closeRedis } from './close';

export interface RedisEventBusOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Channel name prefix, so several deployments can share one Redis (default `br`). */
  readonly prefix?: string;
  /** A publish Redis has not answered after this long is given up (default 1000 ms). */
  readonly commandTimeoutMs?: number;
}

interface Channel {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly listeners: Set<BoardEventListener>;
  /** Settles once Redis confirmed the SUBSCRIBE (or it failed and a resync will follow). */
  readonly subscribed: Promise<void>;
}

const counter = (name: string, help: string): client.Counter =>
  (client.register.getSingleMetric(name) as client.Counter | undefined) ?? new client.Counter({ name, help });

/**
 * The event bus over Redis pub/sub: one channel per board, a publisher connection and one
 * subscriber connection per instance. Redis is a hint, never the record: a publish that fails is
 * logged and counted and costs only latency (clients fill gaps from the event log), and when the
 * subscriber connection comes back every board is resubscribed and announced for resync.
 */
export class RedisEventBus implements EventPublisher, EventSubscriber {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channels = new Map<string, Channel>();
  private readonly resyncListeners = new Set<ResyncListener>();
  private readonly prefix: string;
  private readonly publishFailures = counter('event_bus_publish_failures_total', 'Event publishes Redis did not take');
  private readonly resyncs = counter(
    'event_bus_resyncs_total',
    'Boards announced for resync after the bus reconnected',
  );

  constructor(private readonly opts: RedisEventBusOptions) {
    this.prefix = opts.prefix ?? 'br';
    // No offline queue: while Redis is away a publish fails at once instead of piling up behind commits.
    const common: RedisOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs ?? 1000,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    };
    // Auto-pipelining: the publishes of one tick (a group commit's events) go to Redis in one write.
    this.pub = new Redis(opts.url, { ...common, connectionName: 'boardroom-pub', enableAutoPipelining: true });
    this.sub = new Redis(opts.url, {
      ...common,
      connectionName: 'boardroom-sub',
      autoResubscribe: false,
      commandTimeout: undefined,
    });
    this.pub.on('error', (err: Error) => opts.logger.debug({ err: err.message }, 'redis publisher error'));
    this.sub.on('error', (err: Error) => opts.logger.debug({ err: err.message }, 'redis subscriber error'));
    this.sub.on('close', () => opts.logger.warn('redis subscriber connection lost'));
    this.sub.on('ready', () => void this.resubscribeAll());
    this.sub.on('message', (channel: string, message: string) => this.receive(channel, message));
  }

  readonly publish =
    (event: BoardEventRecord): Task<void> =>
    async () => {
      // Not awaited: the commit is done and live delivery is best effort; ioredis keeps command order.
      this.pub
        .publish(this.channelOf(event.teamId, event.boardId), JSON.stringify(encodeEventRecord(event)))
        .catch((err: Error) => {
          this.publishFailures.inc();
          this.opts.logger.warn(
            { err: err.message, teamId: event.teamId, boardId: event.boardId, seq: event.seq },
            'event publish failed',
          );
        });
    };

  readonly subscribe =
    (teamId: TeamId, boardId: BoardId, listener: BoardEventListener): Task<() => void> =>
    async () => {
      const name = this.channelOf(teamId, boardId);
      const channel = this.channels.get(name) ?? this.open(name, teamId, boardId);
      channel.listeners.add(listener);
      await channel.subscribed;
      return () => this.leave(name, channel, listener);
    };

  readonly onResync = (listener: ResyncListener): (() => void) => {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  };

  /** Resolves once both connections are up (startup waits for it; the bus works without, just lossily). */
  async ready(): Promise<void> {
    const up = (conn: Redis) =>
      conn.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => conn.once('ready', () => resolve()));
    await Promise.all([up(this.pub), up(this.sub)]);
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    this.channels.clear();
    await Promise.all([closeRedis(this.pub), closeRedis(this.sub)]);
  }

  private channelOf(teamId: TeamId, boardId: BoardId): string {
    return `${this.prefix}:board:${teamId}:${boardId}`;
  }

  private open(name: string, teamId: TeamId, boardId: BoardId): Channel {
    // While disconnected there is nothing to send; the ready handler subscribes and announces a resync.
    const subscribed = this.sub.status === 'ready' ? this.redisSubscribe([name]) : Promise.resolve();
    const channel = { teamId, boardId, listeners: new Set<BoardEventListener>(), subscribed };
    this.channels.set(name, channel);
    return channel;
  }

  private leave(name: string, channel: Channel, listener: BoardEventListener): void {
    channel.listeners.delete(listener);
    if (channel.listeners.size > 0 || this.channels.get(name) !== channel) return;
    this.channels.delete(name);
    if (this.sub.status === 'ready') {
      this.sub
        .unsubscribe(name)
        .catch((err: Error) => this.opts.logger.debug({ err: err.message }, 'redis unsubscribe failed'));
    }
  }

  private async redisSubscribe(names: string[]): Promise<void> {
    try {
      await this.sub.subscribe(...names);
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message, channels: names.length }, 'redis subscribe failed');
    }
  }

  private async resubscribeAll(): Promise<void> {
    const channels = [...this.channels.entries()];
    if (channels.length === 0) return;
    await this.redisSubscribe(channels.map(([name]) => name));
    this.opts.logger.info({ boards: channels.length }, 'redis subscriber back: boards resubscribed, resync announced');
    for (const [, channel] of channels) {
      this.resyncs.inc();
      for (const listener of [...this.resyncListeners]) listener(channel.teamId, channel.boardId);
    }
  }

  private receive(name: string, message: string): void {
    const channel = this.channels.get(name);
    if (!channel) return;
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      raw = null;
    }
    // Another instance (maybe of another build, mid-deploy) wrote it: decoded and upcast like any stored record.
    const decoded = decodeEventRecord(raw);
    if (
      decoded._tag === 'Left' ||
      decoded.right.teamId !== channel.teamId ||
      decoded.right.boardId !== channel.boardId
    ) {
      const reason = decoded._tag === 'Left' ? decoded.left : "published on another board's channel";
      this.opts.logger.warn({ channel: name, reason }, 'unreadable event on the bus ignored');
      return;
    }
    const event: BoardEventRecord = decoded.right;
    for (const listener of [...channel.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.opts.logger.error({ err }, 'event listener failed');
      }
    }
  }
}
