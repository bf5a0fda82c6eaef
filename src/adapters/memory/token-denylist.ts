import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import {
  issuedNoLaterThan,
  type AccessTokenDenylist,
  type AccessTokenIdentity,
  type Clock,
} from '../../application/ports';
import type { AppError, UserId } from '../../domain';

/** Denied access tokens in this process; entries are forgotten once they expire. */
export class MemoryTokenDenylist implements AccessTokenDenylist {
  private readonly tokens = new Map<string, number>();
  private readonly families = new Map<string, number>();
  private readonly users = new Map<UserId, { readonly at: number; readonly until: number }>();

  constructor(private readonly clock: Clock) {}

  readonly denyToken =
    (jti: string, expiresAt: Date): TaskEither<AppError, void> =>
    async () => {
      this.forgetExpired();
      this.tokens.set(jti, expiresAt.getTime());
      return E.right(undefined);
    };

  readonly denyUserUntil =
    (userId: UserId, at: Date, until: Date): TaskEither<AppError, void> =>
    async () => {
      this.forgetExpired();
      const previous = this.users.get(userId)?.at ?? 0;
      this.users.set(userId, { at: Math.max(previous, at.getTime()), until: until.getTime() });
      return E.right(undefined);
    };

  readonly denyFamily =
    (familyId: string, until: Date): TaskEither<AppError, void> =>
    async () => {
      this.forgetExpired();
      this.families.set(familyId, Math.max(this.families.get(familyId) ?? 0, until.getTime()));
      return E.right(undefined);
    };

  readonly isDenied =
    (token: AccessTokenIdentity): TaskEither<AppError, boolean> =>
    async () => {
      const now = this.clock.now().getTime();
      const denied = (this.tokens.get(token.jti) ?? 0) > now || (this.families.get(token.familyId) ?? 0) > now;
      const user = this.users.get(token.userId);
      const before = user !== undefined && user.until > now && issuedNoLaterThan(token.issuedAt, user.at);
      return E.right(denied || before);
    };

  private forgetExpired(): void {
    const now = this.clock.now().getTime();
    for (const [jti, until] of this.tokens) if (until <= now) this.tokens.delete(jti);
    for (const [familyId, until] of this.families) if (until <= now) this.families.delete(familyId);
    for (const [userId, entry] of this.users) if (entry.until <= now) this.users.delete(userId);
  }
}
