import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { TeamId } from '../domain';
import { ALL_SLOTS, checkShardIds, roundRobinShard, staleEpoch, unknownShard, unknownSlot } from './placement';
import type { PlacementOverride, PlacementStore, ShardId, ShardInfo } from './placement';

/** The catalog placement tables in memory (STORAGE=memory and tests). `now` stamps registered shards. */
export const makeMemoryPlacementStore = (now: () => Date = () => new Date()): PlacementStore => {
  const shards = new Map<ShardId, ShardInfo>();
  const slots = new Map<number, ShardId>();
  const overrides = new Map<TeamId, PlacementOverride>();

  const seed = (shardIds: readonly ShardId[]) =>
    pipe(
      checkShardIds(shardIds),
      TE.map((ids) => {
        let shardsAdded = 0;
        let slotsAssigned = 0;
        for (const id of ids) {
          if (shards.has(id)) continue;
          shards.set(id, { id, state: 'active', addedAt: now().toISOString() });
          shardsAdded++;
        }
        for (const slot of ALL_SLOTS) {
          if (slots.has(slot)) continue;
          slots.set(slot, roundRobinShard(ids, slot));
          slotsAssigned++;
        }
        return { shardsAdded, slotsAssigned };
      }),
    );

  const compareAndSetOverride = (teamId: TeamId, expectedEpoch: number, shardId: ShardId) => {
    if (!shards.has(shardId)) return TE.left(unknownShard(shardId));
    const current = overrides.get(teamId)?.epoch ?? 0;
    if (current !== expectedEpoch) return TE.left(staleEpoch(teamId, expectedEpoch, current));
    const next = { shardId, epoch: expectedEpoch + 1 };
    overrides.set(teamId, next);
    return TE.right(next);
  };

  const reassignSlot = (slot: number, toShard: ShardId, pin: readonly TeamId[]) => {
    const from = slots.get(slot);
    if (!shards.has(toShard)) return TE.left(unknownShard(toShard));
    if (from === undefined) return TE.left(unknownSlot(slot));
    const unpinned = pin.filter((teamId) => !overrides.has(teamId));
    for (const teamId of unpinned) overrides.set(teamId, { shardId: from, epoch: 0 });
    slots.set(slot, toShard);
    return TE.right({ pinned: unpinned.length });
  };

  return {
    slotMap: () => TE.right(new Map(slots)),
    slotShard: (slot) => TE.right(O.fromNullable(slots.get(slot))),
    override: (teamId) => TE.right(O.fromNullable(overrides.get(teamId))),
    shards: () => TE.right([...shards.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))),
    seed,
    compareAndSetOverride,
    reassignSlot,
  };
};
