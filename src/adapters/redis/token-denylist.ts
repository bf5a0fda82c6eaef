import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Redis } from 'ioredis';
import { issuedNoLaterThan, type AccessTokenDenylist, type AccessTokenIdentity } from '../../application/ports';
import { unavailable, type AppError, type UserId } from '../../domain';

// Keeps the later of two "everything before" marks, so a slow, older revocation never shortens a newer one.
const DENY_USER = `
local current = tonumber(redis.call('GET', KEYS[1]))
local at = tonumber(ARGV[1])
if current and current > at then at = current end
redis.call('SET', KEYS[1], tostring(at), 'PXAT', ARGV[2])`;

/**
 * Denied access tokens in Redis, shared by every instance: a key per denied `jti`, a key per revoked
 * session (refresh family) and a key per user holding the latest "tokens issued up to here are void" mark, each expiring when it stops mattering.
 * Redis being down answers `unavailable`: a request is refused rather than let through unchecked.
 */
export class RedisTokenDenylist implements AccessTokenDenylist {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'br',
  ) {}

  private tokenKey = (jti: string) => `${this.prefix}:dl:t:${jti}`;
  private userKey = (userId: string) => `${this.prefix}:dl:u:${userId}`;
  private familyKey = (familyId: string) => `${this.prefix}:dl:f:${familyId}`;

  private attempt =
    <A>(work: () => Promise<A>): TaskEither<AppError, A> =>
    async () => {
      try {
        return E.right(await work());
      } catch {
        return E.left(unavailable('The session store is unavailable; try again shortly'));
      }
    };

  readonly denyToken = (jti: string, expiresAt: Date): TaskEither<AppError, void> =>
    this.attempt(async () => {
      await this.redis.set(this.tokenKey(jti), '1', 'PXAT', expiresAt.getTime());
    });

  readonly denyUserUntil = (userId: UserId, at: Date, until: Date): TaskEither<AppError, void> =>
    this.attempt(async () => {
      await this.redis.eval(DENY_USER, 1, this.userKey(userId), at.getTime(), until.getTime());
    });

  readonly denyFamily = (familyId: string, until: Date): TaskEither<AppError, void> =>
    this.attempt(async () => {
      // Every revocation remembers the family for a full token lifetime from its own moment, so a later one
      // never ends sooner than an earlier one.
      await this.redis.set(this.familyKey(familyId), '1', 'PXAT', until.getTime());
    });

  readonly isDenied = (token: AccessTokenIdentity): TaskEither<AppError, boolean> =>
    this.attempt(async () => {
      const [denied, revokedAt, family] = await this.redis.mget(
        this.tokenKey(token.jti),
        this.userKey(token.userId),
        this.familyKey(token.familyId),
      );
      return (
        denied !== null ||
        family !== null ||
        (revokedAt !== null && issuedNoLaterThan(token.issuedAt, Number(revokedAt)))
      );
    });
}
