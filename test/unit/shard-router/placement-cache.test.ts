import * as TE from 'fp-ts/TaskEither';
import type { TaskEither } from 'fp-ts/TaskEither';
import { asUuid, unavailable } from '../../../src/domain';
import type { AppError, TeamId } from '../../../src/domain';
import { makeMemoryPlacementStore } from '../../../src/shard-router/memory-placement.store';
import { resolvePlacement } from '../../../src/shard-router/placement';
import type { Placement, PlacementStore } from '../../../src/shard-router/placement';
import { PlacementCache } from '../../../src/shard-router/placement-cache';
import { ManualClock } from '../../support/manual-clock';
import { failure, run } from './placement-store.contract';

const TEAM = asUuid('00000000-0000-0000-0000-000000000000') as TeamId;
const OTHER = asUuid('550e8400-e29b-41d4-a716-446655440000') as TeamId;

/** The real memory store behind a resolver that counts catalog reads. */
const setup = async (ttlMs = 5_000) => {
  const store: PlacementStore = makeMemoryPlacementStore();
  await run(store.seed(['shard-0', 'shard-1']));
  const clock = new ManualClock();
  const reads: TeamId[] = [];
  const resolve = (teamId: TeamId): TaskEither<AppError, Placement> => {
    reads.push(teamId);
    return resolvePlacement(store)(teamId);
  };
  const cache = new PlacementCache(resolve, { ttlMs, clock });
  const move = async (teamId: TeamId, shardId: string) => {
    const current = await run(resolvePlacement(store)(teamId));
    await run(store.compareAndSetOverride(teamId, current.epoch, shardId));
  };
  return { store, clock, reads, cache, move };
};

describe('PlacementCache', () => {
  it('answers repeated lookups from memory while the entry is fresh', async () => {
    const { cache, reads } = await setup();
    const first = await run(cache.get(TEAM));
    const second = await run(cache.get(TEAM));
    expect(second).toEqual(first);
    expect(reads).toEqual([TEAM]);
  });

  it('keeps serving the old shard until the TTL runs out, then sees the move', async () => {
    const { cache, clock, move } = await setup(5_000);
    expect((await run(cache.get(TEAM))).shardId).toBe('shard-0');
    await move(TEAM, 'shard-1');
    clock.advance(4_999);
    expect((await run(cache.get(TEAM))).shardId).toBe('shard-0');
    clock.advance(1);
    expect(await run(cache.get(TEAM))).toMatchObject({ shardId: 'shard-1', epoch: 1 });
  });

  it('sees a move at once after the team is invalidated, without touching other teams', async () => {
    const { cache, reads, move } = await setup();
    await run(cache.get(TEAM));
    await run(cache.get(OTHER));
    await move(TEAM, 'shard-1');
    cache.invalidate(TEAM);
    expect((await run(cache.get(TEAM))).shardId).toBe('shard-1');
    await run(cache.get(OTHER));
    expect(reads).toEqual([TEAM, OTHER, TEAM]);
  });

  it('re-reads every team after invalidateAll', async () => {
    const { cache, reads } = await setup();
    await run(cache.get(TEAM));
    await run(cache.get(OTHER));
    cache.invalidateAll();
    await run(cache.get(TEAM));
    await run(cache.get(OTHER));
    expect(reads).toEqual([TEAM, OTHER, TEAM, OTHER]);
  });

  it('shares one catalog read among concurrent lookups of the same team', async () => {
    const { cache, reads } = await setup();
    const all = await Promise.all([cache.get(TEAM)(), cache.get(TEAM)(), cache.get(TEAM)()]);
    expect(new Set(all.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(reads).toEqual([TEAM]);
  });

  it('does not keep an answer that was read before an invalidation arrived', async () => {
    const { store, reads, move } = await setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowCache = new PlacementCache((teamId) => {
      reads.push(teamId);
      // The catalog answers with the pre-move placement, but only after the move and its invalidation.
      const before = resolvePlacement(store)(teamId)();
      return () => gate.then(() => before);
    });
    const pending = slowCache.get(TEAM)();
    await move(TEAM, 'shard-1');
    slowCache.invalidate(TEAM);
    release();
    expect(await pending).toMatchObject({ right: { shardId: 'shard-0' } });
    expect((await run(slowCache.get(TEAM))).shardId).toBe('shard-1');
  });

  it('does not cache a failed read', async () => {
    let down = true;
    const store = makeMemoryPlacementStore();
    await run(store.seed(['shard-0']));
    const cache = new PlacementCache((teamId) =>
      down ? TE.left(unavailable('catalog down')) : resolvePlacement(store)(teamId),
    );
    expect((await failure(cache.get(TEAM))).kind).toBe('unavailable');
    down = false;
    expect((await run(cache.get(TEAM))).shardId).toBe('shard-0');
  });
});
