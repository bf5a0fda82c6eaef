import * as E from 'fp-ts/Either';
import type { Either } from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Clock } from '../application/ports';
import type { AppError, TeamId } from '../domain';
import type { Placement } from './placement';

/** How long a cached placement is trusted when no invalidation message arrives (lost pub/sub, partition). */
export const DEFAULT_PLACEMENT_TTL_MS = 5_000;

export interface PlacementCacheOptions {
  readonly ttlMs?: number;
  readonly clock?: Clock;
}

interface Entry {
  readonly placement: Placement;
  readonly expiresAt: number;
}

type Load = Promise<Either<AppError, Placement>>;

/**
 * Per-instance cache of team placements in front of the catalog. Correctness never depends on it: a write
 * routed by a stale entry is refused by the shard's fence and retried after `invalidate`. Invalidation
 * comes from the `tenant.moved` pub/sub message, and the TTL bounds staleness when a message is lost.
 */
export class PlacementCache {
  private readonly entries = new Map<TeamId, Entry>();
  // Concurrent misses for one team share one catalog read.
  private readonly loading = new Map<TeamId, Load>();
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly resolve: (teamId: TeamId) => TaskEither<AppError, Placement>,
    options: PlacementCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_PLACEMENT_TTL_MS;
    this.clock = options.clock ?? { now: () => new Date() };
  }

  /** The team's placement: cached while fresh, else read from the catalog. Failures are not cached. */
  get(teamId: TeamId): TaskEither<AppError, Placement> {
    return () => {
      const entry = this.entries.get(teamId);
      if (entry && entry.expiresAt > this.clock.now().getTime()) return Promise.resolve(E.right(entry.placement));
      return this.loading.get(teamId) ?? this.load(teamId);
    };
  }

  /** Forgets one team's placement, e.g. on a `tenant.moved` message or a fence refusal. */
  invalidate(teamId: TeamId): void {
    this.entries.delete(teamId);
    this.loading.delete(teamId);
  }

  /** Forgets every placement, e.g. after the pub/sub connection was lost and messages may be missing. */
  invalidateAll(): void {
    this.entries.clear();
    this.loading.clear();
  }

  private load(teamId: TeamId): Load {
    const load: Load = this.resolve(teamId)().then((result) => {
      // An invalidation during the read means the answer may predate the move: hand it out, don't keep it.
      if (this.loading.get(teamId) === load) {
        this.loading.delete(teamId);
        if (E.isRight(result)) {
          this.entries.set(teamId, { placement: result.right, expiresAt: this.clock.now().getTime() + this.ttlMs });
        }
      }
      return result;
    });
    this.loading.set(teamId, load);
    return load;
  }
}
