import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { BoardStore } from '../application/ports';
import { unavailable } from '../domain';
import type { AppError, TeamId } from '../domain';
import type { PlacementCache } from './placement-cache';
import { resolvePlacement } from './placement';
import type { Placement, PlacementStore, ShardId, ShardInfo } from './placement';

/**
 * The store of one shard, writing under the fence epoch the router believes in; undefined when this
 * instance has no connection configured for that shard.
 */
export type ShardStoreFactory = (shardId: ShardId, epoch: number) => BoardStore | undefined;

/**
 * A factory over configured connections, e.g. `shardStoresFrom(pools, makePgBoardStore)`. Stores are
 * made once per (shard, epoch) and reused.
 */
export const shardStoresFrom = <P>(
  connections: ReadonlyMap<ShardId, P> | Readonly<Record<ShardId, P>>,
  make: (connection: P, fence: { readonly epoch: number }) => BoardStore,
): ShardStoreFactory => {
  const lookup = connections instanceof Map ? connections : new Map(Object.entries(connections));
  const made = new Map<string, BoardStore>();
  return (shardId, epoch) => {
    const connection = lookup.get(shardId);
    if (connection === undefined) return undefined;
    const key = `${shardId}\u0000${epoch}`;
    const store = made.get(key) ?? make(connection, { epoch });
    made.set(key, store);
    return store;
  };
};

export interface RetryOptions {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Pause before retry number `n` (1-based), giving a cutover in progress time to publish placement. */
  readonly delayMs: (retry: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  // The first retry is immediate: usually the new placement is already in the catalog.
  delayMs: (retry) => (retry <= 1 ? 0 : 50 * 2 ** (retry - 2)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const notConfigured = (shardId: ShardId): AppError =>
  unavailable(`Shard ${shardId} holds this team but is not configured on this instance`, 5);

/**
 * A BoardStore over every shard: each call goes to the store of the team's shard. A fence refusal
 * (`tenant_moved`) means this instance's placement is stale: it forgets it, re-reads and retries a few
 * times, then hands `tenant_moved` (retryable) to the caller. Errors of one shard, such as `unavailable`,
 * pass through untouched, so a lost shard only affects the teams placed on it.
 */
export class ShardedBoardStore implements BoardStore {
  private readonly retry: RetryOptions;

  constructor(
    private readonly cache: PlacementCache,
    private readonly stores: ShardStoreFactory,
    retry: Partial<RetryOptions> = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  readonly createBoard: BoardStore['createBoard'] = (ctx, event) =>
    this.route(ctx.teamId, (s) => s.createBoard(ctx, event));
  readonly mutate: BoardStore['mutate'] = (ctx, decide) => this.route(ctx.teamId, (s) => s.mutate(ctx, decide));
  readonly listBoards: BoardStore['listBoards'] = (teamId) => this.route(teamId, (s) => s.listBoards(teamId));
  readonly snapshot: BoardStore['snapshot'] = (teamId, boardId) =>
    this.route(teamId, (s) => s.snapshot(teamId, boardId));
  readonly eventsAfter: BoardStore['eventsAfter'] = (teamId, boardId, afterSeq, limit) =>
    this.route(teamId, (s) => s.eventsAfter(teamId, boardId, afterSeq, limit));
  readonly eventsBefore: BoardStore['eventsBefore'] = (teamId, boardId, beforeSeq, limit) =>
    this.route(teamId, (s) => s.eventsBefore(teamId, boardId, beforeSeq, limit));
  readonly board: BoardStore['board'] = (teamId, boardId) => this.route(teamId, (s) => s.board(teamId, boardId));
  readonly list: BoardStore['list'] = (teamId, boardId, listId) =>
    this.route(teamId, (s) => s.list(teamId, boardId, listId));
  readonly card: BoardStore['card'] = (teamId, boardId, cardId) =>
    this.route(teamId, (s) => s.card(teamId, boardId, cardId));
  readonly comments: BoardStore['comments'] = (teamId, boardId, cardId) =>
    this.route(teamId, (s) => s.comments(teamId, boardId, cardId));
  readonly boardComments: BoardStore['boardComments'] = (teamId, boardId) =>
    this.route(teamId, (s) => s.boardComments(teamId, boardId));

  private route<A>(
    teamId: TeamId,
    run: (store: BoardStore) => TaskEither<AppError, A>,
    attempt = 1,
  ): TaskEither<AppError, A> {
    return pipe(
      this.cache.get(teamId),
      TE.chain((placement) => {
        const store = this.stores(placement.shardId, placement.epoch);
        return store ? run(store) : TE.left(notConfigured(placement.shardId));
      }),
      TE.orElse((error) => {
        if (error.kind !== 'tenant_moved' || attempt >= this.retry.attempts) return TE.left(error);
        // A fenced shard rolled the transaction back, so running it again cannot apply it twice.
        this.cache.invalidate(teamId);
        return pipe(
          TE.fromTask(() => this.retry.sleep(this.retry.delayMs(attempt))),
          TE.chain(() => this.route(teamId, run, attempt + 1)),
        );
      }),
    );
  }
}

/** Placement lookups and routing for one instance: what the CLI and the composition root hold. */
export class ShardRouter {
  /** The BoardStore every use case gets: routes by team, retries stale placements. */
  readonly boards: ShardedBoardStore;

  constructor(
    private readonly placements: PlacementStore,
    private readonly cache: PlacementCache,
    stores: ShardStoreFactory,
    retry: Partial<RetryOptions> = {},
  ) {
    this.boards = new ShardedBoardStore(cache, stores, retry);
  }

  /** Where a team lives according to the catalog right now (bypasses this instance's cache). */
  readonly where = (teamId: TeamId): TaskEither<AppError, Placement> => resolvePlacement(this.placements)(teamId);

  /** Where this instance would route the team's next request (possibly cached). */
  readonly routed = (teamId: TeamId): TaskEither<AppError, Placement> => this.cache.get(teamId);

  /** Every registered shard. */
  readonly shards = (): TaskEither<AppError, readonly ShardInfo[]> => this.placements.shards();

  /** Forgets a team's cached placement (the `tenant.moved` subscriber calls this). */
  readonly invalidate = (teamId: TeamId): void => this.cache.invalidate(teamId);

  /** Forgets every cached placement (after the subscriber lost its connection). */
  readonly invalidateAll = (): void => this.cache.invalidateAll();
}
