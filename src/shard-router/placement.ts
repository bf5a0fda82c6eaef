import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Option } from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import { conflict, unavailable, validation } from '../domain';
import type { AppError, TeamId } from '../domain';
import { SLOT_COUNT, slotOf } from './stable-hash';

/** Shard ids are short slugs (`shard-0`); they name a configured connection in SHARD_URLS. */
export type ShardId = string;

/** Where a team's boards live right now, and the epoch that shard's fence must show for writes. */
export interface Placement {
  readonly teamId: TeamId;
  readonly slot: number;
  readonly shardId: ShardId;
  /** 0 until the team's first move; each move bumps it by one. */
  readonly epoch: number;
  /** True when a per-team override, not the slot map, decided the shard. */
  readonly overridden: boolean;
}

/** A team's own placement row: it wins over the slot map. */
export interface PlacementOverride {
  readonly shardId: ShardId;
  readonly epoch: number;
}

export type ShardState = 'active' | 'draining';

/** One registered shard. */
export interface ShardInfo {
  readonly id: ShardId;
  readonly state: ShardState;
  readonly addedAt: string;
}

/** What one seeding call changed (both zero when everything was in place already). */
export interface SeedResult {
  readonly shardsAdded: number;
  readonly slotsAssigned: number;
}

/** The catalog's placement tables: shard registry, slot map and per-team overrides. */
export interface PlacementStore {
  /** The shard of every assigned slot, keyed by slot number. */
  readonly slotMap: () => TaskEither<AppError, ReadonlyMap<number, ShardId>>;
  /** The shard one slot is assigned to, if any. */
  readonly slotShard: (slot: number) => TaskEither<AppError, Option<ShardId>>;
  /** A team's override, if it has ever been moved. */
  readonly override: (teamId: TeamId) => TaskEither<AppError, Option<PlacementOverride>>;
  /** Every registered shard, by id. */
  readonly shards: () => TaskEither<AppError, readonly ShardInfo[]>;
  /**
   * Registers the shards that are missing (as active) and assigns every unassigned slot round-robin over
   * `shardIds` (slot i to shardIds[i mod n]). Assigned slots never change, so it is safe on every boot.
   */
  readonly seed: (shardIds: readonly ShardId[]) => TaskEither<AppError, SeedResult>;
  /**
   * Compare-and-set of a team's placement: when its epoch is still `expectedEpoch` (0 without an
   * override) it now lives on `shardId` at `expectedEpoch + 1`; otherwise `conflict/stale_epoch`.
   * An unregistered shard answers `validation/unknown_shard`.
   */
  readonly compareAndSetOverride: (
    teamId: TeamId,
    expectedEpoch: number,
    shardId: ShardId,
  ) => TaskEither<AppError, PlacementOverride>;
  /**
   * Hands `slot` to `toShard` in one transaction, first pinning each of `pin` (the slot's existing teams)
   * that has no override yet to the slot's current shard at epoch 0, so none of them changes placement.
   * An unregistered shard answers `validation/unknown_shard`, an unassigned slot `validation/unknown_slot`.
   */
  readonly reassignSlot: (
    slot: number,
    toShard: ShardId,
    pin: readonly TeamId[],
  ) => TaskEither<AppError, { readonly pinned: number }>;
}

export const staleEpoch = (teamId: TeamId, expected: number, actual: number): AppError =>
  conflict(`Placement of team ${teamId} is at epoch ${actual}, not ${expected}`, 'stale_epoch');

export const unknownShard = (shardId: ShardId): AppError =>
  validation(`Shard ${shardId} is not registered`, 'unknown_shard');

export const unknownSlot = (slot: number): AppError => validation(`Slot ${slot} is not assigned`, 'unknown_slot');

/** Checks a seeding request: at least one shard, no duplicates, valid slugs. */
export const checkShardIds = (shardIds: readonly ShardId[]): TaskEither<AppError, readonly ShardId[]> => {
  const slug = /^[a-z0-9][a-z0-9_-]{0,62}$/;
  if (shardIds.length === 0) return TE.left(validation('At least one shard is required', 'no_shards'));
  if (new Set(shardIds).size !== shardIds.length) return TE.left(validation('Shard ids repeat', 'duplicate_shard'));
  const bad = shardIds.find((id) => !slug.test(id));
  return bad === undefined ? TE.right(shardIds) : TE.left(validation(`Invalid shard id ${bad}`, 'invalid_shard_id'));
};

/** Round-robin owner of a slot for a seeding shard list. */
export const roundRobinShard = (shardIds: readonly ShardId[], slot: number): ShardId =>
  shardIds[slot % shardIds.length] as ShardId;

export const ALL_SLOTS: readonly number[] = Array.from({ length: SLOT_COUNT }, (_, i) => i);

/** Reads a team's placement from the store: its override if it has one, else its slot's shard at epoch 0. */
export const resolvePlacement =
  (store: PlacementStore) =>
  (teamId: TeamId): TaskEither<AppError, Placement> => {
    const slot = slotOf(teamId);
    return pipe(
      store.override(teamId),
      TE.chain(
        O.match(
          () =>
            pipe(
              store.slotShard(slot),
              TE.chain(
                O.match(
                  // A hole in the slot map is a deployment bug (seeding never ran), not the user's fault.
                  () => TE.left<AppError, Placement>(unavailable(`Slot ${slot} has no shard assigned`, 5)),
                  (shardId) => TE.right<AppError, Placement>({ teamId, slot, shardId, epoch: 0, overridden: false }),
                ),
              ),
            ),
          (o) => TE.right<AppError, Placement>({ teamId, slot, shardId: o.shardId, epoch: o.epoch, overridden: true }),
        ),
      ),
    );
  };
