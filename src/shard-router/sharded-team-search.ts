import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { TeamSearch } from '../application/ports';
import { unavailable, type AppError, type TeamId } from '../domain';
import type { Placement, ShardId } from './placement';

/**
 * Team search routed like the board store: a team lives on one shard, so that shard alone answers.
 * Searching only reads, so no fence is checked: during a move the source still holds the team's rows
 * until long after placement flipped, and a stale placement is forgotten on `tenant.moved` or its TTL.
 */
export const shardedTeamSearch = (
  placementOf: (teamId: TeamId) => TaskEither<AppError, Placement>,
  shards: ReadonlyMap<ShardId, TeamSearch>,
): TeamSearch => ({
  search: (teamId, query, page) =>
    pipe(
      placementOf(teamId),
      TE.chain((placement) => {
        const shard = shards.get(placement.shardId);
        return shard
          ? shard.search(teamId, query, page)
          : TE.left(
              unavailable(`Shard ${placement.shardId} holds this team but is not configured on this instance`, 5),
            );
      }),
    ),
});
