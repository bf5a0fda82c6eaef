import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import {
  issuedNoLaterThan,
  type AccessTokenDenylist,
  type AccessTokenIdentity,
  type Clock,
} from '../../application/ports';
import { unavailable, type AppError, type UserId } from '../../domain';

type Kind = 'token' | 'family' | 'user';

// Later marks win: a slow, older revocation never shortens or moves back a newer one.
const UPSERT = `
  INSERT INTO access_token_denials (kind, subject, revoked_at, until) VALUES ($1, $2, $3, $4)
  ON CONFLICT (kind, subject) DO UPDATE SET
    revoked_at = GREATEST(access_token_denials.revoked_at, EXCLUDED.revoked_at),
    until = GREATEST(access_token_denials.until, EXCLUDED.until)`;

// A few expired rows go with every new denial, so the table stays as small as the live denials.
const PRUNE = `
  DELETE FROM access_token_denials WHERE ctid IN (
    SELECT ctid FROM access_token_denials WHERE until < $1 LIMIT 100)`;

const LOOKUP = `
  SELECT kind, revoked_at FROM access_token_denials
   WHERE until > $4 AND ((kind = 'token' AND subject = $1) OR (kind = 'family' AND subject = $2)
                      OR (kind = 'user' AND subject = $3))`;

/**
 * Denied access tokens in the catalog database: the denylist of a single instance without Redis, which
 * must outlive a restart like the refresh tokens beside it. The database being down answers
 * `unavailable`: a request is refused rather than let through unchecked.
 */
export class PgTokenDenylist implements AccessTokenDenylist {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
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

  private deny = (kind: Kind, subject: string, revokedAt: Date | null, until: Date): TaskEither<AppError, void> =>
    this.attempt(async () => {
      await this.pool.query(UPSERT, [kind, subject, revokedAt, until]);
      await this.pool.query(PRUNE, [this.clock.now()]);
    });

  readonly denyToken = (jti: string, expiresAt: Date): TaskEither<AppError, void> =>
    this.deny('token', jti, null, expiresAt);

  readonly denyUserUntil = (userId: UserId, at: Date, until: Date): TaskEither<AppError, void> =>
    this.deny('user', userId, at, until);

  readonly denyFamily = (familyId: string, until: Date): TaskEither<AppError, void> =>
    this.deny('family', familyId, null, until);

  readonly isDenied = (token: AccessTokenIdentity): TaskEither<AppError, boolean> =>
    this.attempt(async () => {
      const { rows } = await this.pool.query<{ kind: Kind; revoked_at: Date | null }>(LOOKUP, [
        token.jti,
        token.familyId,
        token.userId,
        this.clock.now(),
      ]);
      return rows.some(
        (r) =>
          r.kind !== 'user' || (r.revoked_at !== null && issuedNoLaterThan(token.issuedAt, r.revoked_at.getTime())),
      );
    });
}
