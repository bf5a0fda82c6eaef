import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { Redis } from 'ioredis';
import type { ConsumeResult, RefreshTokenRecord, RefreshTokenStore } from '../../application/ports';
import { unavailable, type AppError, type UserId } from '../../domain';

// Marks a token used and answers its previous state in one step, so two instances presenting the same
// token at once cannot both see it fresh. Returns nil for an unknown (revoked or expired) token.
const CONSUME = `
local rec = redis.call('HGET', KEYS[1], 'rec')
if not rec then return nil end
local used = redis.call('HGET', KEYS[1], 'used')
redis.call('HSET', KEYS[1], 'used', '1')
return {rec, used}`;

const Stored = t.type({ tokenHash: t.string, familyId: t.string, userId: t.string, expiresAt: t.string });

/**
 * Refresh tokens in Redis, shared by every instance: a hash per token (record + used flag) that
 * expires with the token, and a set per family and per user so a replay or a password change revokes
 * them together. Redis being down answers `unavailable`, never a wrong answer.
 */
export class RedisRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'br',
  ) {}

  private token = (hash: string) => `${this.prefix}:rt:${hash}`;
  private family = (id: string) => `${this.prefix}:rtf:${id}`;
  private user = (id: string) => `${this.prefix}:rtu:${id}`;

  private attempt =
    <A>(work: () => Promise<A>): TaskEither<AppError, A> =>
    async () => {
      try {
        return E.right(await work());
      } catch {
        return E.left(unavailable('The session store is unavailable; try again shortly'));
      }
    };

  readonly save = (record: RefreshTokenRecord): TaskEither<AppError, void> =>
    this.attempt(async () => {
      const expireAt = Math.ceil(record.expiresAt.getTime() / 1000);
      const rec = JSON.stringify({ ...record, expiresAt: record.expiresAt.toISOString() });
      await this.redis
        .multi()
        .hset(this.token(record.tokenHash), 'rec', rec, 'used', '0')
        .expireat(this.token(record.tokenHash), expireAt)
        .sadd(this.family(record.familyId), record.tokenHash)
        .expireat(this.family(record.familyId), expireAt)
        .sadd(this.user(record.userId), record.familyId)
        .exec();
    });

  readonly consume = (tokenHash: string): TaskEither<AppError, O.Option<ConsumeResult>> =>
    this.attempt(async () => {
      const reply = (await this.redis.eval(CONSUME, 1, this.token(tokenHash))) as [string, string] | null;
      if (reply === null) return O.none;
      const decoded = Stored.decode(JSON.parse(reply[0]));
      if (E.isLeft(decoded)) return O.none;
      const r = decoded.right;
      const record: RefreshTokenRecord = { ...r, userId: r.userId as UserId, expiresAt: new Date(r.expiresAt) };
      return O.some({ status: reply[1] === '1' ? 'reused' : 'fresh', record });
    });

  readonly revokeFamily = (familyId: string): TaskEither<AppError, void> =>
    this.attempt(() => this.dropFamily(familyId));

  readonly revokeUser = (userId: UserId): TaskEither<AppError, void> =>
    this.attempt(async () => {
      const families = await this.redis.smembers(this.user(userId));
      await Promise.all(families.map((f) => this.dropFamily(f)));
      await this.redis.del(this.user(userId));
    });

  private async dropFamily(familyId: string): Promise<void> {
    const hashes = await this.redis.smembers(this.family(familyId));
    await this.redis.del(this.family(familyId), ...hashes.map(this.token));
  }
}
