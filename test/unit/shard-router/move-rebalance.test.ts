import { planSlots } from '../../../src/shard-router/move/rebalance';
import { roundRobinShard, ALL_SLOTS } from '../../../src/shard-router/placement';

const seeded = (shards: readonly string[]) => new Map(ALL_SLOTS.map((s) => [s, roundRobinShard(shards, s)]));

const counts = (owned: ReadonlyMap<string, readonly number[]>) =>
  Object.fromEntries([...owned].map(([id, slots]) => [id, slots.length]));

describe('planning a rebalance of the slot map', () => {
  it('a third shard gets a third of the slots, taken evenly from the two others', () => {
    const { owned, moves } = planSlots(seeded(['shard-0', 'shard-1']), ['shard-0', 'shard-1', 'shard-2']);

    expect(counts(owned)).toEqual({ 'shard-0': 342, 'shard-1': 341, 'shard-2': 341 });
    expect(moves).toHaveLength(341);
    expect(moves.every((m) => m.to === 'shard-2')).toBe(true);
    expect(moves.filter((m) => m.from === 'shard-0')).toHaveLength(170);
  });

  it('an even slot map needs no moves', () => {
    const shards = ['shard-0', 'shard-1', 'shard-2', 'shard-3'];

    expect(planSlots(seeded(shards), shards).moves).toEqual([]);
  });

  it('a fifth shard takes about a fifth of the slots and no slot moves twice', () => {
    const four = ['shard-0', 'shard-1', 'shard-2', 'shard-3'];
    const { owned, moves } = planSlots(seeded(four), [...four, 'shard-4']);

    expect(counts(owned)['shard-4']).toBe(204);
    expect(new Set(moves.map((m) => m.slot)).size).toBe(moves.length);
    expect(moves.every((m) => m.to === 'shard-4')).toBe(true);
  });
});
