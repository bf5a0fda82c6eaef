import type { Task } from 'fp-ts/Task';

/** A cached value and the generation of its key when it was read; `value` is null on a miss. */
export interface CacheRead {
  readonly value: string | null;
  /** Hand this back to `fill`: a fill after an invalidation of the key is ignored. */
  readonly generation: string;
}

/**
 * A cache of read-mostly data shared by every instance (a user's teams, a team's boards, board
 * metadata). It is never the record and never fails its caller: when it cannot answer it reports a
 * miss and the caller reads the database. Each key has a generation that every invalidation bumps, so
 * a value read from the database before a change can never be stored after it.
 */
export interface ReadCache {
  /** The value under `key`, or a miss (also when the cache is unreachable). */
  readonly read: (key: string) => Task<CacheRead>;
  /** Stores `value` under `key` for its TTL, unless the key was invalidated since `generation` was read. */
  readonly fill: (key: string, generation: string, value: string) => Task<void>;
  /**
   * Drops the keys and bumps their generations. Called after the change committed and before it is
   * acknowledged; when the cache cannot be reached the instance stops trusting it until it can.
   */
  readonly invalidate: (keys: readonly string[]) => Task<void>;
}
