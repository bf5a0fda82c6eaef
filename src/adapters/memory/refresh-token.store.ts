import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type {
  Clock,
  RefreshTokenRecord,
  RefreshTokenStore,
  RotateResult,
  SuccessorToken,
} from '../../application/ports';
import { unauthenticated, type AppError, type UserId } from '../../domain';
import { frozenCopy } from './freeze';

interface Entry {
  readonly record: RefreshTokenRecord;
  used: boolean;
}

interface Family {
  readonly userId: UserId;
  readonly hashes: Set<string>;
  revoked: boolean;
  /** When the family's last token expires: then it, or its revocation, can be forgotten. */
  expiresAt: number;
}

const revokedFamily = (): AppError => unauthenticated('The session was ended; please log in again', 'session_revoked');

/**
 * Refresh tokens by hash, grouped in families. Used tokens are kept (marked) until their family is
 * revoked, so a replay is recognised as reuse rather than as an unknown token; a revoked family is
 * remembered until its tokens would have expired, so it refuses new ones. Every member runs without
 * awaiting anything, so each is atomic in this single-threaded process.
 */
export class MemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly byHash = new Map<string, Entry>();
  private readonly families = new Map<string, Family>();

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  readonly save =
    (record: RefreshTokenRecord): TaskEither<AppError, void> =>
    async () => {
      this.forgetExpired();
      return this.store(record) ? E.right(undefined) : E.left(revokedFamily());
    };

  readonly rotate =
    (tokenHash: string, successor: SuccessorToken, now: Date): TaskEither<AppError, O.Option<RotateResult>> =>
    async () => {
      const entry = this.byHash.get(tokenHash);
      if (!entry) return E.right(O.none);
      const { record } = entry;
      if (entry.used) {
        this.revoke(record.familyId);
        return E.right(O.some({ status: 'reused', record }));
      }
      if (record.expiresAt.getTime() <= now.getTime()) return E.right(O.some({ status: 'expired', record }));
      entry.used = true;
      this.store({ ...successor, familyId: record.familyId, userId: record.userId });
      return E.right(O.some({ status: 'rotated', record }));
    };

  readonly find =
    (tokenHash: string): TaskEither<AppError, O.Option<RefreshTokenRecord>> =>
    async () =>
      E.right(O.fromNullable(this.byHash.get(tokenHash)?.record));

  readonly revokeFamily =
    (familyId: string): TaskEither<AppError, void> =>
    async () => {
      this.revoke(familyId);
      return E.right(undefined);
    };

  readonly revokeUser =
    (userId: UserId): TaskEither<AppError, void> =>
    async () => {
      for (const [id, family] of this.families) if (family.userId === userId) this.revoke(id);
      return E.right(undefined);
    };

  /** Adds a token to its family; false when the family is revoked. */
  private store(record: RefreshTokenRecord): boolean {
    const expiresAt = record.expiresAt.getTime();
    const family = this.families.get(record.familyId) ?? {
      userId: record.userId,
      hashes: new Set<string>(),
      revoked: false,
      expiresAt,
    };
    if (family.revoked) return false;
    family.hashes.add(record.tokenHash);
    family.expiresAt = Math.max(family.expiresAt, expiresAt);
    this.families.set(record.familyId, family);
    this.byHash.set(record.tokenHash, { record: frozenCopy(record), used: false });
    return true;
  }

  private revoke(familyId: string): void {
    const family = this.families.get(familyId);
    if (!family) return;
    family.revoked = true;
    for (const hash of family.hashes) this.byHash.delete(hash);
    family.hashes.clear();
  }

  private forgetExpired(): void {
    const now = this.clock.now().getTime();
    for (const [id, family] of this.families) {
      if (family.expiresAt > now) continue;
      for (const hash of family.hashes) this.byHash.delete(hash);
      this.families.delete(id);
    }
  }
}
