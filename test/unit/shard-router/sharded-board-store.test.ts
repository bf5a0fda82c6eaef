import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { MemoryBoardStore } from '../../../src/adapters/memory';
import type { BoardStore, MutationContext } from '../../../src/application/ports';
import { asUuid, tenantMoved, unavailable } from '../../../src/domain';
import type { AppError, BoardEvent, List, TeamId } from '../../../src/domain';
import { makeMemoryPlacementStore } from '../../../src/shard-router/memory-placement.store';
import { resolvePlacement } from '../../../src/shard-router/placement';
import { PlacementCache } from '../../../src/shard-router/placement-cache';
import { ShardRouter, shardStoresFrom } from '../../../src/shard-router/sharded-board-store';
import { failure, run } from './placement-store.contract';

const TEAM = asUuid('00000000-0000-0000-0000-000000000000') as TeamId; // slot 468 -> shard-0
const NEIGHBOUR = asUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8') as TeamId; // slot 91 -> shard-1
const ACTOR = asUuid('0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6a7b');
const AT = '2025-01-15T09:00:00.000Z';

/**
 * One shard as the router sees it: a real memory board store plus the tenant_fence rows that a Postgres
 * shard checks at the start of every write transaction, and a switch that takes the server down.
 */
class Shard {
  readonly data = new MemoryBoardStore();
  readonly fences = new Map<TeamId, { epoch: number; owned: boolean }>();
  down = false;

  /** The store as makePgBoardStore(pool, { epoch }) would behave for this shard. */
  storeAt(fence: { readonly epoch: number }): BoardStore {
    const guard = (teamId: TeamId): TE.TaskEither<AppError, void> => {
      if (this.down) return TE.left(unavailable('shard down'));
      const row = this.fences.get(teamId) ?? { epoch: 0, owned: true };
      return row.owned && row.epoch === fence.epoch ? TE.right(undefined) : TE.left(tenantMoved());
    };
    const read = <A>(te: TE.TaskEither<AppError, A>) => (this.down ? TE.left(unavailable('shard down')) : te);
    return {
      ...this.data,
      createBoard: (ctx, event) =>
        pipe(
          guard(ctx.teamId),
          TE.chain(() => this.data.createBoard(ctx, event)),
        ),
      mutate: (ctx, decide) =>
        pipe(
          guard(ctx.teamId),
          TE.chain(() => this.data.mutate(ctx, decide)),
        ),
      listBoards: (teamId) => read(this.data.listBoards(teamId)),
      snapshot: (teamId, boardId) => read(this.data.snapshot(teamId, boardId)),
    };
  }
}

const ctxFor = (teamId: TeamId, boardId: string): MutationContext => ({
  teamId,
  boardId: asUuid(boardId),
  actor: ACTOR,
  at: AT,
  origin: null,
});

const boardCreated = (ctx: MutationContext): Extract<BoardEvent, { kind: 'board.created' }> => ({
  kind: 'board.created',
  data: {
    board: {
      id: ctx.boardId,
      teamId: ctx.teamId,
      title: 'Roadmap',
      archived: false,
      createdAt: AT,
      createdBy: ACTOR,
      labels: [],
    },
  },
});

const listCreated = (ctx: MutationContext, id: string, rank: string): BoardEvent => {
  const list: List = {
    id: asUuid(id),
    teamId: ctx.teamId,
    boardId: ctx.boardId,
    title: `List ${rank}`,
    rank,
    archived: false,
    createdAt: AT,
  };
  return { kind: 'list.created', data: { list } };
};

const setup = async (attempts = 4, budgetMs = 0) => {
  const placements = makeMemoryPlacementStore();
  await run(placements.seed(['shard-0', 'shard-1']));
  const shards = new Map([
    ['shard-0', new Shard()],
    ['shard-1', new Shard()],
  ]);
  const delays: number[] = [];
  // A fake clock the router's sleeps advance; `onSleep` lets a test act at a chosen moment.
  const clock = { now: 0, onSleep: (_at: number) => Promise.resolve() };
  const factory = shardStoresFrom(shards, (shard, fence) => shard.storeAt(fence));
  const router = new ShardRouter(
    placements,
    new PlacementCache(resolvePlacement(placements)),
    factory,
    {
      attempts,
      sleep: async (ms) => {
        delays.push(ms);
        clock.now += ms;
        await clock.onSleep(clock.now);
      },
      now: () => clock.now,
    },
    () => TE.right(budgetMs),
  );
  return { placements, shards, delays, router, clock };
};

/** A tenant move done by hand: copy the log, fence the source, own the target, compare-and-set placement. */
const moveTeam = async (env: Awaited<ReturnType<typeof setup>>, teamId: TeamId, boardId: string, to: string) => {
  const from = await run(resolvePlacement(env.placements)(teamId));
  const source = env.shards.get(from.shardId)!;
  const target = env.shards.get(to)!;
  const epoch = from.epoch + 1;
  const log = await run(source.data.eventsAfter(teamId, asUuid(boardId), 0, 1000));
  const ctx = ctxFor(teamId, boardId);
  for (const record of log) {
    if (record.kind === 'board.created') await run(target.data.createBoard(ctx, record));
    else await run(target.data.mutate(ctx, () => TE.right(record)));
  }
  source.fences.set(teamId, { epoch, owned: false });
  target.fences.set(teamId, { epoch, owned: true });
  await run(env.placements.compareAndSetOverride(teamId, from.epoch, to));
};

const BOARD = '0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6a01';

describe('ShardedBoardStore', () => {
  it('sends each team to the shard its slot maps to', async () => {
    const { router, shards } = await setup();
    await run(router.boards.createBoard(ctxFor(TEAM, BOARD), boardCreated(ctxFor(TEAM, BOARD))));
    expect(await run(shards.get('shard-0')!.data.listBoards(TEAM))).toHaveLength(1);
    expect(await run(shards.get('shard-1')!.data.listBoards(TEAM))).toHaveLength(0);
    expect(await run(router.boards.listBoards(TEAM))).toHaveLength(1);
  });

  it('a stale instance is refused by the old shard, re-reads placement and writes to the new shard', async () => {
    const env = await setup();
    const stale = env.router;
    const ctx = ctxFor(TEAM, BOARD);
    await run(stale.boards.createBoard(ctx, boardCreated(ctx)));
    await run(stale.boards.mutate(ctx, () => TE.right(listCreated(ctx, '0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6b01', 'a0'))));
    await moveTeam(env, TEAM, BOARD, 'shard-1');
    expect((await run(stale.routed(TEAM))).shardId).toBe('shard-0');

    const record = await run(
      stale.boards.mutate(ctx, () => TE.right(listCreated(ctx, '0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6b02', 'a1'))),
    );

    expect(record.seq).toBe(3);
    expect(await run(stale.routed(TEAM))).toMatchObject({ shardId: 'shard-1', epoch: 1 });
    expect(Object.keys((await run(env.shards.get('shard-1')!.data.snapshot(TEAM, asUuid(BOARD)))).lists)).toHaveLength(
      2,
    );
    expect(Object.keys((await run(env.shards.get('shard-0')!.data.snapshot(TEAM, asUuid(BOARD)))).lists)).toHaveLength(
      1,
    );
    expect(env.delays).toEqual([0]);
  });

  it('gives up after the configured attempts with a retryable tenant_moved while a cutover holds the team', async () => {
    const env = await setup(3);
    const ctx = ctxFor(TEAM, BOARD);
    await run(env.router.boards.createBoard(ctx, boardCreated(ctx)));
    // The source is fenced but placement is not switched yet: the middle of a cutover.
    env.shards.get('shard-0')!.fences.set(TEAM, { epoch: 1, owned: false });
    const error = await failure(
      env.router.boards.mutate(ctx, () => TE.right(listCreated(ctx, '0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6b03', 'a0'))),
    );
    expect(error.kind).toBe('tenant_moved');
    expect(env.delays).toEqual([0, 50]);
  });

  it('a write that meets the fence of a cutover waits for the flip and then lands on the new shard', async () => {
    const env = await setup(4, 250);
    const ctx = ctxFor(TEAM, BOARD);
    await run(env.router.boards.createBoard(ctx, boardCreated(ctx)));
    const source = env.shards.get('shard-0')!;
    const fence = { epoch: 1, owned: false };
    source.fences.set(TEAM, fence);
    // The mover flips the placement 200 ms after fencing the source.
    let flipped = false;
    env.clock.onSleep = async (at) => {
      if (flipped || at < 200) return;
      flipped = true;
      source.fences.delete(TEAM);
      await moveTeam(env, TEAM, BOARD, 'shard-1');
    };

    const record = await run(
      env.router.boards.mutate(ctx, () => TE.right(listCreated(ctx, '0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6b04', 'a0'))),
    );

    expect(record.seq).toBe(2);
    expect(env.clock.now).toBeGreaterThanOrEqual(200);
    expect(env.clock.now).toBeLessThan(250);
    expect(Object.keys((await run(env.shards.get('shard-1')!.data.snapshot(TEAM, asUuid(BOARD)))).lists)).toHaveLength(
      1,
    );
  });

  it("a write waits no longer than the move's pause budget, then gets a retryable tenant_moved", async () => {
    const env = await setup(4, 300);
    const ctx = ctxFor(TEAM, BOARD);
    await run(env.router.boards.createBoard(ctx, boardCreated(ctx)));
    // Fenced, and the flip never comes (the mover died there).
    env.shards.get('shard-0')!.fences.set(TEAM, { epoch: 1, owned: false });

    const error = await failure(
      env.router.boards.mutate(ctx, () => TE.right(listCreated(ctx, '0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6b05', 'a0'))),
    );

    expect(error.kind).toBe('tenant_moved');
    expect(env.clock.now).toBe(300);
  });

  it('a shard that is down fails only the teams placed on it', async () => {
    const { router, shards } = await setup();
    shards.get('shard-1')!.down = true;
    const mine = ctxFor(TEAM, BOARD);
    const theirs = ctxFor(NEIGHBOUR, BOARD);
    await run(router.boards.createBoard(mine, boardCreated(mine)));
    const error = await failure(router.boards.createBoard(theirs, boardCreated(theirs)));
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(await run(router.boards.listBoards(TEAM))).toHaveLength(1);
  });

  it('a team placed on a shard this instance has no connection for is unavailable', async () => {
    const env = await setup();
    await run(env.placements.seed(['shard-0', 'shard-1', 'shard-9']));
    await run(env.placements.compareAndSetOverride(TEAM, 0, 'shard-9'));
    const error = await failure(env.router.boards.listBoards(TEAM));
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(error.message).toContain('shard-9');
    expect(await run(env.router.boards.listBoards(NEIGHBOUR))).toEqual([]);
  });

  it('where() reads the catalog even when this instance has a stale cached placement', async () => {
    const env = await setup();
    const ctx = ctxFor(TEAM, BOARD);
    await run(env.router.boards.createBoard(ctx, boardCreated(ctx)));
    await moveTeam(env, TEAM, BOARD, 'shard-1');
    expect((await run(env.router.where(TEAM))).shardId).toBe('shard-1');
    expect((await run(env.router.routed(TEAM))).shardId).toBe('shard-0');
    env.router.invalidate(TEAM);
    expect((await run(env.router.routed(TEAM))).shardId).toBe('shard-1');
  });
});

describe('shardStoresFrom', () => {
  it('makes one store per shard and epoch and none for an unknown shard', () => {
    const made: string[] = [];
    const factory = shardStoresFrom({ 'shard-0': 'pool-0' }, (pool, fence) => {
      made.push(`${pool}@${fence.epoch}`);
      return new MemoryBoardStore();
    });
    expect(factory('shard-0', 0)).toBe(factory('shard-0', 0));
    expect(factory('shard-0', 1)).not.toBe(factory('shard-0', 0));
    expect(factory('shard-7', 0)).toBeUndefined();
    expect(made).toEqual(['pool-0@0', 'pool-0@1']);
  });
});
