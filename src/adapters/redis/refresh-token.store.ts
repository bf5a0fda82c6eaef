import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { TaskEither } from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { Redis } from 'ioredis';
import type { RefreshTokenRecord, RefreshTokenStore, RotateResult, SuccessorToken } from '../../application/ports';
import { unauthenticated, unavailable, type AppError, type UserId } from '../../domain';

// Key layout, built inside the scripts from the prefix (one Redis, not a cluster): rt:<hash> is a token
// {fam, uid, exp (ms), used}; rtf:<family> the family's token hashes; rtu:<user> the user's families;
// rtx:<family> marks a revoked family until its tokens would have expired.
const KEYS = `
local p = ARGV[1]
local function tok(h) return p .. ':rt:' .. h end
local function fam(f) return p .. ':rtf:' .. f end
local function usr(u) return p .. ':rtu:' .. u end
local function rvk(f) return p .. ':rtx:' .. f end
local function extend(key, at)
  local ttl = redis.call('PTTL', key)
  local nowMs = redis.call('TIME')
  local current = ttl > 0 and (tonumber(nowMs[1]) * 1000 + math.floor(tonumber(nowMs[2]) / 1000) + ttl) or 0
  if at > current then redis.call('PEXPIREAT', key, at) end
end
local function store(h, f, u, exp)
  if redis.call('EXISTS', rvk(f)) == 1 then return 0 end
  redis.call('HSET', tok(h), 'fam', f, 'uid', u, 'exp', exp, 'used', '0')
  redis.call('PEXPIREAT', tok(h), exp)
  redis.call('SADD', fam(f), h)
  extend(fam(f), exp)
  redis.call('SADD', usr(u), f)
  extend(usr(u), exp)
  return 1
end
local function revoke(f, retentionMs)
  local ttl = redis.call('PTTL', fam(f))
  if ttl <= 0 then ttl = tonumber(retentionMs) end
  redis.call('SET', rvk(f), '1', 'PX', ttl)
  for _, h in ipairs(redis.call('SMEMBERS', fam(f))) do redis.call('DEL', tok(h)) end
  redis.call('DEL', fam(f))
end
`;

// ARGV: prefix, hash, family, user, expiresAtMs.
const SAVE = `${KEYS}
return store(ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]))`;

// ARGV: prefix, old hash, successor hash, successor expiresAtMs, nowMs, retentionMs. The whole decision
// runs inside Redis, so a rotation and a replay of the same family can never interleave.
const ROTATE = `${KEYS}
local t = redis.call('HMGET', tok(ARGV[2]), 'fam', 'uid', 'exp', 'used')
if not t[1] then return nil end
if t[4] == '1' then
  revoke(t[1], ARGV[6])
  return {'reused', t[1], t[2], t[3]}
end
if tonumber(t[3]) <= tonumber(ARGV[5]) then return {'expired', t[1], t[2], t[3]} end
redis.call('HSET', tok(ARGV[2]), 'used', '1')
store(ARGV[3], t[1], t[2], tonumber(ARGV[4]))
return {'rotated', t[1], t[2], t[3]}`;

// ARGV: prefix, family, retentionMs.
const REVOKE_FAMILY = `${KEYS}
revoke(ARGV[2], ARGV[3])`;

// ARGV: prefix, user, retentionMs.
const REVOKE_USER = `${KEYS}
for _, f in ipairs(redis.call('SMEMBERS', usr(ARGV[2]))) do revoke(f, ARGV[3]) end
redis.call('DEL', usr(ARGV[2]))`;

const Reply = t.tuple([t.keyof({ rotated: null, reused: null, expired: null }), t.string, t.string, t.string]);

const revokedFamily = (): AppError => unauthenticated('The session was ended; please log in again', 'session_revoked');

/**
 * Refresh tokens in Redis, shared by every instance. Each member is one Lua script, so rotation, replay
 * detection and revocation are atomic across instances. Redis being down answers `unavailable`, never a
 * wrong answer.
 */
export class RedisRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'br',
    /** How long a revoked family whose tokens' expiry is unknown keeps refusing new tokens. */
    private readonly retentionMs = 30 * 86_400_000,
  ) {}

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
    pipe(
      this.attempt(() => {
        const { tokenHash, familyId, userId, expiresAt } = record;
        return this.redis.eval(SAVE, 0, this.prefix, tokenHash, familyId, userId, expiresAt.getTime());
      }),
      TE.chain((stored) => (stored === 1 ? TE.right(undefined) : TE.left(revokedFamily()))),
    );

  readonly rotate = (
    tokenHash: string,
    successor: SuccessorToken,
    now: Date,
  ): TaskEither<AppError, O.Option<RotateResult>> =>
    this.attempt(async () => {
      const args = [tokenHash, successor.tokenHash, successor.expiresAt.getTime(), now.getTime(), this.retentionMs];
      const reply: unknown = await this.redis.eval(ROTATE, 0, this.prefix, ...args);
      if (reply === null) return O.none;
      const decoded = Reply.decode(reply);
      if (E.isLeft(decoded)) throw new Error('Unexpected reply from the rotate script');
      const [status, familyId, userId, exp] = decoded.right;
      const record = { tokenHash, familyId, userId: userId as UserId, expiresAt: new Date(Number(exp)) };
      return O.some({ status, record });
    });

  readonly find = (tokenHash: string): TaskEither<AppError, O.Option<RefreshTokenRecord>> =>
    this.attempt(async () => {
      const [familyId, userId, exp] = await this.redis.hmget(`${this.prefix}:rt:${tokenHash}`, 'fam', 'uid', 'exp');
      return familyId && userId && exp
        ? O.some({ tokenHash, familyId, userId: userId as UserId, expiresAt: new Date(Number(exp)) })
        : O.none;
    });

  readonly revokeFamily = (familyId: string): TaskEither<AppError, void> =>
    this.attempt(async () => {
      await this.redis.eval(REVOKE_FAMILY, 0, this.prefix, familyId, this.retentionMs);
    });

  readonly revokeUser = (userId: UserId): TaskEither<AppError, void> =>
    this.attempt(async () => {
      await this.redis.eval(REVOKE_USER, 0, this.prefix, userId, this.retentionMs);
    });
}
