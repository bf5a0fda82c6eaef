import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, TeamId } from '../../../src/domain';
import { asUuid } from '../../../src/domain';
import { resolvePlacement } from '../../../src/shard-router/placement';
import type { PlacementStore } from '../../../src/shard-router/placement';
import { SLOT_COUNT, slotOf } from '../../../src/shard-router/stable-hash';

/** Runs a TaskEither and returns its Right, failing the test with the error otherwise. */
export const run = async <A>(te: TaskEither<AppError, A>): Promise<A> => {
  const result = await te();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Runs a TaskEither expected to fail and returns its error. */
export const failure = async <A>(te: TaskEither<AppError, A>): Promise<AppError> => {
  const result = await te();
  if (E.isRight(result)) throw new Error(`expected failure, got ${JSON.stringify(result.right)}`);
  return result.left;
};

const TEAM_IN_SLOT_468 = asUuid('00000000-0000-0000-0000-000000000000') as TeamId;
const OTHER_TEAM = asUuid('550e8400-e29b-41d4-a716-446655440000') as TeamId;

/**
 * The behaviour every PlacementStore must show (memory and Postgres alike). `fresh` gives an empty store:
 * migrated catalog, nothing seeded.
 */
export const placementStoreContract = (name: string, fresh: () => Promise<PlacementStore>): void => {
  describe(`PlacementStore contract: ${name}`, () => {
    let store: PlacementStore;
    beforeEach(async () => {
      store = await fresh();
    });

    it('seeding deals all 1024 slots round-robin over the given shards', async () => {
      const result = await run(store.seed(['shard-0', 'shard-1']));
      expect(result).toEqual({ shardsAdded: 2, slotsAssigned: SLOT_COUNT });
      const map = await run(store.slotMap());
      expect(map.size).toBe(SLOT_COUNT);
      expect(map.get(0)).toBe('shard-0');
      expect(map.get(1)).toBe('shard-1');
      expect(map.get(1023)).toBe('shard-1');
      expect((await run(store.shards())).map((s) => [s.id, s.state])).toEqual([
        ['shard-0', 'active'],
        ['shard-1', 'active'],
      ]);
    });

    it('seeding again changes nothing, even with a longer shard list', async () => {
      await run(store.seed(['shard-0', 'shard-1']));
      const before = await run(store.slotMap());
      expect(await run(store.seed(['shard-0', 'shard-1']))).toEqual({ shardsAdded: 0, slotsAssigned: 0 });
      expect(await run(store.seed(['shard-0', 'shard-1', 'shard-2']))).toEqual({ shardsAdded: 1, slotsAssigned: 0 });
      expect(await run(store.slotMap())).toEqual(before);
    });

    it('seeding refuses an empty or repeated shard list', async () => {
      expect((await failure(store.seed([]))).code).toBe('no_shards');
      expect((await failure(store.seed(['shard-0', 'shard-0']))).code).toBe('duplicate_shard');
    });

    it('a team without an override lives on its slot shard at epoch 0', async () => {
      await run(store.seed(['shard-0', 'shard-1']));
      const placement = await run(resolvePlacement(store)(TEAM_IN_SLOT_468));
      expect(placement).toEqual({
        teamId: TEAM_IN_SLOT_468,
        slot: 468,
        shardId: 'shard-0',
        epoch: 0,
        overridden: false,
      });
      expect(O.isNone(await run(store.override(TEAM_IN_SLOT_468)))).toBe(true);
    });

    it('an override wins over the slot map for that team only', async () => {
      await run(store.seed(['shard-0', 'shard-1']));
      await run(store.compareAndSetOverride(TEAM_IN_SLOT_468, 0, 'shard-1'));
      expect(await run(resolvePlacement(store)(TEAM_IN_SLOT_468))).toMatchObject({
        shardId: 'shard-1',
        epoch: 1,
        overridden: true,
      });
      const other = await run(resolvePlacement(store)(OTHER_TEAM));
      expect(other).toMatchObject({ slot: slotOf(OTHER_TEAM), shardId: 'shard-0', epoch: 0, overridden: false });
    });

    it('each compare-and-set bumps the epoch by one', async () => {
      await run(store.seed(['shard-0', 'shard-1']));
      expect(await run(store.compareAndSetOverride(OTHER_TEAM, 0, 'shard-1'))).toEqual({
        shardId: 'shard-1',
        epoch: 1,
      });
      expect(await run(store.compareAndSetOverride(OTHER_TEAM, 1, 'shard-0'))).toEqual({
        shardId: 'shard-0',
        epoch: 2,
      });
      expect(await run(store.override(OTHER_TEAM))).toEqual(O.some({ shardId: 'shard-0', epoch: 2 }));
    });

    it('compare-and-set refuses a stale epoch and leaves the placement alone', async () => {
      await run(store.seed(['shard-0', 'shard-1']));
      await run(store.compareAndSetOverride(OTHER_TEAM, 0, 'shard-1'));
      const stale = await failure(store.compareAndSetOverride(OTHER_TEAM, 0, 'shard-0'));
      expect(stale).toMatchObject({ kind: 'conflict', code: 'stale_epoch' });
      const ahead = await failure(store.compareAndSetOverride(OTHER_TEAM, 5, 'shard-0'));
      expect(ahead).toMatchObject({ kind: 'conflict', code: 'stale_epoch' });
      expect(await run(store.override(OTHER_TEAM))).toEqual(O.some({ shardId: 'shard-1', epoch: 1 }));
    });

    it('of two movers racing from the same epoch exactly one wins', async () => {
      await run(store.seed(['shard-0', 'shard-1', 'shard-2']));
      const results = await Promise.all([
        store.compareAndSetOverride(TEAM_IN_SLOT_468, 0, 'shard-1')(),
        store.compareAndSetOverride(TEAM_IN_SLOT_468, 0, 'shard-2')(),
      ]);
      expect(results.filter(E.isRight)).toHaveLength(1);
      expect(results.filter(E.isLeft).map((r) => E.isLeft(r) && r.left.code)).toEqual(['stale_epoch']);
    });

    it('compare-and-set to an unregistered shard is refused', async () => {
      await run(store.seed(['shard-0']));
      expect(await failure(store.compareAndSetOverride(OTHER_TEAM, 0, 'shard-9'))).toMatchObject({
        kind: 'validation',
        code: 'unknown_shard',
      });
      expect(O.isNone(await run(store.override(OTHER_TEAM)))).toBe(true);
    });

    it('reassigning a slot pins its existing teams to the old shard and sends new teams to the new one', async () => {
      await run(store.seed(['shard-0', 'shard-1']));
      await run(store.seed(['shard-0', 'shard-1', 'shard-2']));
      expect(await run(store.reassignSlot(468, 'shard-2', [TEAM_IN_SLOT_468]))).toEqual({ pinned: 1 });
      expect((await run(store.slotMap())).get(468)).toBe('shard-2');
      expect(await run(resolvePlacement(store)(TEAM_IN_SLOT_468))).toMatchObject({ shardId: 'shard-0', epoch: 0 });
      expect(await run(store.slotShard(468))).toEqual(O.some('shard-2'));
    });

    it('a team pinned by a slot reassignment moves with a compare-and-set from epoch 0', async () => {
      await run(store.seed(['shard-0', 'shard-1', 'shard-2']));
      await run(store.reassignSlot(468, 'shard-2', [TEAM_IN_SLOT_468]));
      expect(await run(store.compareAndSetOverride(TEAM_IN_SLOT_468, 0, 'shard-2'))).toEqual({
        shardId: 'shard-2',
        epoch: 1,
      });
    });

    it('reassigning keeps the override of a team that already has one', async () => {
      await run(store.seed(['shard-0', 'shard-1', 'shard-2']));
      await run(store.compareAndSetOverride(TEAM_IN_SLOT_468, 0, 'shard-1'));
      expect(await run(store.reassignSlot(468, 'shard-2', [TEAM_IN_SLOT_468]))).toEqual({ pinned: 0 });
      expect(await run(store.override(TEAM_IN_SLOT_468))).toEqual(O.some({ shardId: 'shard-1', epoch: 1 }));
    });

    it('reassigning to an unregistered shard or an unassigned slot is refused', async () => {
      await run(store.seed(['shard-0']));
      expect(await failure(store.reassignSlot(468, 'shard-9', [TEAM_IN_SLOT_468]))).toMatchObject({
        code: 'unknown_shard',
      });
      expect(O.isNone(await run(store.override(TEAM_IN_SLOT_468)))).toBe(true);
      expect((await run(store.slotMap())).get(468)).toBe('shard-0');
      expect(await failure(store.reassignSlot(5000, 'shard-0', []))).toMatchObject({ code: 'unknown_slot' });
    });

    it('a team whose slot was never seeded is unavailable rather than misrouted', async () => {
      expect(await failure(resolvePlacement(store)(OTHER_TEAM))).toMatchObject({ kind: 'unavailable' });
    });
  });
};
