import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_PRESENCE_TTL_MS } from '../../application/ports';
import type { PresenceBus, PresenceKey, PresenceListener } from '../../application/ports';
import { unavailable, Uuid, type AppError, type BoardId, type PresenceEntry, type TeamId } from '../../domain';
import { closeRedis } from './close';

// Expiry is read from Redis's own clock (TIME), so instances whose clocks disagree still agree on who lapsed.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** Each field is `<expiresAt>|<entry JSON>`; the hash itself lapses with its freshest field. */
const PUT = `${NOW}local ttl = tonumber(ARGV[1])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], (now + ttl) .. '|' .. ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ttl)`;

/** The live fields' entries; lapsed fields are deleted on the way. */
const LIST = `${NOW}local all = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #all, 2 do
  local v = all[i + 1]
  local sep = string.find(v, '|', 1, true)
  if sep and tonumber(string.sub(v, 1, sep - 1)) > now then
    table.insert(live, string.sub(v, sep + 1))
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
return live`;

/** An entry as another instance (maybe of another build) wrote it. */
const EntryCodec = t.exact(
  t.type({
    teamId: Uuid,
    boardId: Uuid,
    connectionId: t.string,
    userId: Uuid,
    name: t.string,
    editing: t.union([Uuid, t.null]),
    changedAt: t.number,
  }),
);
const ChangeCodec = t.type({ teamId: Uuid, boardId: Uuid });

const parse = <A>(codec: t.Decoder<unknown, A>, raw: string): A | null => {
  try {
    const decoded = codec.decode(JSON.parse(raw));
    return E.isRight(decoded) ? decoded.right : null;
  } catch {
    return null;
  }
};

export interface RedisPresenceBusOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Key and channel prefix shared with the other Redis adapters (default `br`). */
  readonly prefix?: string;
  /** How long an entry lives without being stored again (default 15 s). */
  readonly ttlMs?: number;
}

/**
 * Presence in Redis: a hash per board (field per socket, value stamped with its expiry) and one
 * channel (`<prefix>:presence`) on which every instance hears which board changed. Lapsed fields are
 * filtered out and deleted when a board is read, so a crashed instance's sockets vanish without anyone
 * removing them.
 */
export class RedisPresenceBus implements PresenceBus {
  private readonly redis: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly listeners = new Set<PresenceListener>();

  constructor(private readonly opts: RedisPresenceBusOptions) {
    this.prefix = opts.prefix ?? 'br';
    this.channel = `${this.prefix}:presence`;
    this.ttlMs = opts.ttlMs ?? DEFAULT_PRESENCE_TTL_MS;
    // No offline queue: presence while Redis is away is simply not shared; the next heartbeat restores it.
    this.redis = new Redis(opts.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
      connectionName: 'boardroom-presence',
      enableAutoPipelining: true,
    });
    this.sub = new Redis(opts.url, { connectionName: 'boardroom-presence-sub', autoResubscribe: true });
    for (const c of [this.redis, this.sub])
      c.on('error', (err) => opts.logger.debug({ err: err.message }, 'redis presence'));
    this.sub.on('message', (_channel: string, raw: string) => this.deliver(raw));
    void this.sub
      .subscribe(this.channel)
      .catch((err: Error) => opts.logger.warn({ err: err.message }, 'presence subscribe'));
  }

  readonly put = (entries: readonly PresenceEntry[]): TaskEither<AppError, void> =>
    this.attempt(async () => {
      await this.store(entries);
      await Promise.all(this.boardsOf(entries).map((b) => this.redis.publish(this.channel, JSON.stringify(b))));
    });

  readonly refresh = (entries: readonly PresenceEntry[]): TaskEither<AppError, void> =>
    this.attempt(() => this.store(entries));

  readonly remove = (key: PresenceKey): TaskEither<AppError, void> =>
    this.attempt(async () => {
      const removed = await this.redis.hdel(this.keyOf(key.teamId, key.boardId), key.connectionId);
      if (removed > 0)
        await this.redis.publish(this.channel, JSON.stringify({ teamId: key.teamId, boardId: key.boardId }));
    });

  readonly list = (teamId: TeamId, boardId: BoardId): TaskEither<AppError, readonly PresenceEntry[]> =>
    this.attempt(async () => {
      const raw = (await this.redis.eval(LIST, 1, this.keyOf(teamId, boardId))) as string[];
      return raw
        .map((r) => parse(EntryCodec, r))
        .filter((e): e is PresenceEntry => e !== null && e.teamId === teamId && e.boardId === boardId);
    });

  readonly onChange = (listener: PresenceListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Resolves once both connections are up (start-up waits for it; presence works lossily before). */
  async ready(): Promise<void> {
    const up = (c: Redis) =>
      c.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => c.once('ready', () => resolve()));
    await Promise.all([up(this.redis), up(this.sub)]);
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([closeRedis(this.redis), closeRedis(this.sub)]);
  }

  private keyOf(teamId: string, boardId: string): string {
    return `${this.prefix}:presence:${teamId}:${boardId}`;
  }

  private boardsOf(entries: readonly PresenceEntry[]): { teamId: TeamId; boardId: BoardId }[] {
    const boards = new Map(entries.map((e) => [this.keyOf(e.teamId, e.boardId), e]));
    return [...boards.values()].map(({ teamId, boardId }) => ({ teamId, boardId }));
  }

  private async store(entries: readonly PresenceEntry[]): Promise<void> {
    const byBoard = new Map<string, PresenceEntry[]>();
    for (const e of entries) {
      const k = this.keyOf(e.teamId, e.boardId);
      byBoard.set(k, [...(byBoard.get(k) ?? []), e]);
    }
    await Promise.all(
      [...byBoard].map(([k, own]) =>
        this.redis.eval(PUT, 1, k, this.ttlMs, ...own.flatMap((e) => [e.connectionId, JSON.stringify(e)])),
      ),
    );
  }

  private attempt<A>(work: () => Promise<A>): TaskEither<AppError, A> {
    return async () => {
      try {
        return E.right(await work());
      } catch (err) {
        this.opts.logger.debug({ err: (err as Error).message }, 'presence not shared');
        return E.left(unavailable('Presence is unavailable; try again shortly'));
      }
    };
  }

  private deliver(raw: string): void {
    const change = parse(ChangeCodec, raw);
    if (change === null) return;
    for (const listener of [...this.listeners]) listener(change.teamId, change.boardId);
  }
}
