import * as E from 'fp-ts/Either';
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
  /** Quick tries in all, the first included: enough for a placement that is merely stale. */
  readonly attempts: number;
  /** Pause before retry number `n` (1-based), giving a cutover in progress time to publish placement. */
  readonly delayMs: (retry: number) => number;
  /** While a cutover holds the team past the quick tries: how often to look again. */
  readonly waitPollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A monotonic clock in ms. */
  readonly now: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  // The first retry is immediate: usually the new placement is already in the catalog.
  delayMs: (retry) => (retry <= 1 ? 0 : 50 * 2 ** (retry - 2)),
  waitPollMs: 20,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => performance.now(),
};

/**
 * How long a write that met the team's fence may wait for the placement to flip: the running move's
 * pause budget (`--max-pause-ms`), 0 when no move of the team runs. Read only on that rare path.
 */
export type CutoverBudget = (teamId: TeamId) => TaskEither<AppError, number>;

/** No moves run (memory storage, tests): a fenced write gets only the quick tries. */
export const NO_CUTOVER_WAIT: CutoverBudget = () => TE.right(0);

const notConfigured = (shardId: ShardId): AppError =>
  unavailable(`Shard ${shardId} holds this team but is not configured on this instance`, 5);

/**
 * A BoardStore over every shard: each call goes to the store of the team's shard. A fence refusal
 * (`tenant_moved`) means this instance's placement is stale or a cutover is under way: it forgets it,
 * re-reads and retries, waiting out a cutover within the move's pause budget, and only then hands
 * `tenant_moved` (retryable) to the caller. Errors of one shard, such as `unavailable`, pass through
 * untouched, so a lost shard only affects the teams placed on it.
 */
export class ShardedBoardStore implements BoardStore {
  private readonly retry: RetryOptions;
  private readonly budgets = new Map<TeamId, { readonly at: number; readonly value: Promise<number> }>();

  constructor(
    private readonly cache: PlacementCache,
    private readonly stores: ShardStoreFactory,
    retry: Partial<RetryOptions> = {},
    private readonly budget: CutoverBudget = NO_CUTOVER_WAIT,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  readonly createBoard: BoardStore['createBoard'] = (ctx, event) =>
    this.route(ctx.teamId, (s) => s.createBoard(ctx, event));
  readonly mutate: BoardStore['mutate'] = (ctx, decide) => this.route(ctx.teamId, (s) => s.mutate(ctx, decide));
  readonly commit: BoardStore['commit'] = (batch) => this.route(batch.teamId, (s) => s.commit(batch));
  readonly commitLocked: BoardStore['commitLocked'] = (teamId, boardId, afterSeq, decide) =>
    this.route(teamId, (s) => s.commitLocked(teamId, boardId, afterSeq, decide));
  readonly deleteBoard: BoardStore['deleteBoard'] = (teamId, boardId) =>
    this.route(teamId, (s) => s.deleteBoard(teamId, boardId));
  readonly replayOf: BoardStore['replayOf'] = (ctx) => this.route(ctx.teamId, (s) => s.replayOf(ctx));
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

  /**
   * Runs `run` on the team's shard. A fence refusal (`tenant_moved`) rolled the transaction back, so
   * running it again cannot apply it twice: after the quick tries (a stale placement), a write that still
   * meets the fence is in a cutover and waits, up to the move's pause budget from its first refusal, for
   * the placement to flip, then goes to the new shard. Clients see latency instead of 503s.
   */
  private route<A>(teamId: TeamId, run: (store: BoardStore) => TaskEither<AppError, A>): TaskEither<AppError, A> {
    const once = pipe(
      this.cache.get(teamId),
      TE.chain((placement) => {
        const store = this.stores(placement.shardId, placement.epoch);
        return store ? run(store) : TE.left(notConfigured(placement.shardId));
      }),
    );
    return async () => {
      let fencedSince: number | null = null;
      let budget: number | null = null;
      for (let attempt = 1; ; attempt++) {
        const result = await once();
        if (E.isRight(result) || result.left.kind !== 'tenant_moved') return result;
        this.cache.invalidate(teamId);
        fencedSince ??= this.retry.now();
        if (attempt < this.retry.attempts) {
          await this.retry.sleep(this.retry.delayMs(attempt));
          continue;
        }
        budget ??= await this.budgetOf(teamId);
        const left = budget - (this.retry.now() - fencedSince);
        if (left <= 0) return result;
        await this.retry.sleep(Math.min(this.retry.waitPollMs, left));
      }
    };
  }

  /** The running move's pause budget, shared by the writes that wait on it for a second. */
  private budgetOf(teamId: TeamId): Promise<number> {
    const now = this.retry.now();
    const known = this.budgets.get(teamId);
    if (known && now - known.at < 1000) return known.value;
    // Without an answer (catalog down) the write gets only its quick tries.
    const value = this.budget(teamId)().then(
      (r) => (E.isRight(r) ? r.right : 0),
      () => 0,
    );
    this.budgets.set(teamId, { at: now, value });
    if (this.budgets.size > 1000) this.budgets.delete(this.budgets.keys().next().value as TeamId);
    return value;
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
    budget: CutoverBudget = NO_CUTOVER_WAIT,
  ) {
    this.boards = new ShardedBoardStore(cache, stores, retry, budget);
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
