import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { BlobStore } from '../application/ports';
import { unavailable, type AppError, type TeamId } from '../domain';
import type { PlacementCache } from './placement-cache';
import type { ShardId } from './placement';

/** The blob store of one shard under the fence epoch the router believes in; undefined when not configured. */
export type BlobStoreFactory = (shardId: ShardId, epoch: number) => BlobStore | undefined;

/** A factory over configured connections, one store per (shard, epoch), like `shardStoresFrom`. */
export const blobStoresFrom = <P>(
  connections: ReadonlyMap<ShardId, P>,
  make: (connection: P, fence: { readonly epoch: number }) => BlobStore,
): BlobStoreFactory => {
  const made = new Map<string, BlobStore>();
  return (shardId, epoch) => {
    const connection = connections.get(shardId);
    if (connection === undefined) return undefined;
    const key = `${shardId}\u0000${epoch}`;
    const store = made.get(key) ?? make(connection, { epoch });
    made.set(key, store);
    return store;
  };
};

/**
 * The team's blobs on the team's shard. A fence refusal means the placement this instance holds is
 * stale: it is forgotten and the call tried once more on the placement read afresh. An upload is not
 * retried once its bytes started flowing (they cannot be read twice); its client hears the retryable
 * `tenant_moved` and sends the file again.
 */
export class ShardedBlobStore implements BlobStore {
  constructor(
    private readonly cache: PlacementCache,
    private readonly stores: BlobStoreFactory,
  ) {}

  readonly put: BlobStore['put'] = (teamId, blobId, data, limits) =>
    this.route(teamId, (s) => s.put(teamId, blobId, data, limits), false);
  readonly get: BlobStore['get'] = (teamId, blobId) => this.route(teamId, (s) => s.get(teamId, blobId), true);
  readonly delete: BlobStore['delete'] = (teamId, blobId) => this.route(teamId, (s) => s.delete(teamId, blobId), true);
  readonly usage: BlobStore['usage'] = (teamId) => this.route(teamId, (s) => s.usage(teamId), true);

  private route<A>(
    teamId: TeamId,
    run: (store: BlobStore) => TaskEither<AppError, A>,
    retry: boolean,
  ): TaskEither<AppError, A> {
    const once = pipe(
      this.cache.get(teamId),
      TE.chain((placement) => {
        const store = this.stores(placement.shardId, placement.epoch);
        return store
          ? run(store)
          : TE.left(unavailable(`Shard ${placement.shardId} holds this team but is not configured here`, 5));
      }),
    );
    return async () => {
      const first = await once();
      if (E.isRight(first) || first.left.kind !== 'tenant_moved') return first;
      this.cache.invalidate(teamId);
      return retry ? once() : first;
    };
  }
}
