import { isRight } from 'fp-ts/Either';
import type { Task } from 'fp-ts/Task';
import * as t from 'io-ts';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ControlBus, ControlListener, ControlMessage } from '../../application/ports';
import { NotificationCodec, Uuid } from '../../domain';
import { closeRedis } from './close';

const Message = t.union([
  t.type({ type: t.literal('user.signed_out'), userId: Uuid }),
  t.type({ type: t.literal('session.revoked'), userId: Uuid, familyId: t.string }),
  t.type({ type: t.literal('member.removed'), teamId: Uuid, userId: Uuid }),
  t.type({
    type: t.literal('member.role_changed'),
    teamId: Uuid,
    userId: Uuid,
    role: t.keyof({ owner: null, admin: null, member: null, viewer: null }),
  }),
  t.type({ type: t.literal('tenant.moved'), teamId: Uuid, shardId: t.string, epoch: t.number }),
  t.type({ type: t.literal('board.deleted'), teamId: Uuid, boardId: Uuid }),
  t.type({ type: t.literal('user.notified'), userId: Uuid, notification: NotificationCodec }),
  t.type({
    type: t.literal('notifications.read'),
    userId: Uuid,
    read: t.union([t.type({ ids: t.readonlyArray(t.string) }), t.type({ all: t.literal(true) })]),
    unread: t.number,
  }),
]);

export interface RedisControlBusOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Channel prefix shared with the event bus (default `br`). */
  readonly prefix?: string;
}

/**
 * The control channel over Redis pub/sub (`<prefix>:control`): one publisher and one subscriber
 * connection per instance. A message lost while Redis is away is covered by each message's backstop
 * (access-token expiry, membership checks on every frame, placement TTL and shard fences).
 */
export class RedisControlBus implements ControlBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private readonly listeners = new Set<ControlListener>();

  constructor(private readonly opts: RedisControlBusOptions) {
    this.channel = `${opts.prefix ?? 'br'}:control`;
    const common = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000 };
    this.pub = new Redis(opts.url, { ...common, connectionName: 'boardroom-control-pub' });
    // The subscriber queues its SUBSCRIBE until connected and repeats it after every reconnect.
    this.sub = new Redis(opts.url, { connectionName: 'boardroom-control-sub', autoResubscribe: true });
    for (const c of [this.pub, this.sub])
      c.on('error', (err) => opts.logger.warn({ err: err.message }, 'redis control'));
    this.sub.on('message', (_channel: string, raw: string) => this.deliver(raw));
    void this.sub
      .subscribe(this.channel)
      .catch((err: Error) => opts.logger.warn({ err: err.message }, 'control subscribe'));
  }

  private deliver(raw: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const decoded = Message.decode(parsed);
    if (!isRight(decoded)) return this.opts.logger.warn({ raw: raw.slice(0, 200) }, 'control message ignored');
    for (const listener of this.listeners) listener(decoded.right);
  }

  readonly publish =
    (message: ControlMessage): Task<void> =>
    async () => {
      try {
        await this.pub.publish(this.channel, JSON.stringify(message));
      } catch (err) {
        this.opts.logger.warn({ err: (err as Error).message, type: message.type }, 'control message not published');
      }
    };

  readonly onMessage = (listener: ControlListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Closes both connections. */
  async close(): Promise<void> {
    await Promise.all([closeRedis(this.pub), closeRedis(this.sub)]);
  }
}
