import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { ConsumeResult, RefreshTokenRecord, RefreshTokenStore } from '../../application/ports';
import type { AppError, UserId } from '../../domain';
import { frozenCopy } from './freeze';

interface Entry {
  readonly record: RefreshTokenRecord;
  used: boolean;
}

/**
 * Refresh tokens by hash. Used tokens are kept (marked) until their family is revoked, so a replay
 * is recognised as reuse rather than as an unknown token.
 */
export class MemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly byHash = new Map<string, Entry>();

  readonly save =
    (record: RefreshTokenRecord): TaskEither<AppError, void> =>
    async () => {
      this.byHash.set(record.tokenHash, { record: frozenCopy(record), used: false });
      return E.right(undefined);
    };

  readonly consume =
    (tokenHash: string): TaskEither<AppError, O.Option<ConsumeResult>> =>
    async () => {
      const entry = this.byHash.get(tokenHash);
      if (!entry) return E.right(O.none);
      const status = entry.used ? 'reused' : 'fresh';
      entry.used = true;
      return E.right(O.some({ status, record: entry.record }));
    };

  readonly revokeFamily =
    (familyId: string): TaskEither<AppError, void> =>
    async () => {
      this.deleteWhere((r) => r.familyId === familyId);
      return E.right(undefined);
    };

  readonly revokeUser =
    (userId: UserId): TaskEither<AppError, void> =>
    async () => {
      this.deleteWhere((r) => r.userId === userId);
      return E.right(undefined);
    };

  private deleteWhere(match: (record: RefreshTokenRecord) => boolean): void {
    for (const [hash, entry] of this.byHash) if (match(entry.record)) this.byHash.delete(hash);
  }
}
