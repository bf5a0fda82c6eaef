import { BoardEngine } from '../../../src/application/engine/board-engine';
import type { Application } from '../../../src/application/api';
import { makeApplication } from '../../../src/application/make-application';
import { makePgTeamRepository } from '../../../src/adapters/pg/team.repository';
import { makePgUserRepository } from '../../../src/adapters/pg/user.repository';
import { CommentBody, asUuid, type CardId, type TeamId } from '../../../src/domain';
import { moveTeam } from '../../../src/shard-router/move';
import type { TestCluster } from '../../harness/cluster';
import { buildMemoryApp } from '../../support/memory-app';
import { must, operator, otherShard, seedTeam, seededCluster, type Operator } from './setup';

jest.setTimeout(60_000);

let cluster: TestCluster;
let op: Operator;
let app: Application;

beforeAll(async () => {
  cluster = await seededCluster({ shards: 2 });
  op = operator(cluster, null);
  const memory = buildMemoryApp();
  const boards = op.rt.router.boards;
  app = makeApplication({
    ...memory.deps,
    users: makePgUserRepository(op.rt.catalog),
    teams: makePgTeamRepository(op.rt.catalog),
    boards,
    search: op.rt.search,
    engine: new BoardEngine(boards),
  });
});
afterAll(async () => {
  await op?.close();
  await cluster?.stop();
});

describe('search across a tenant move', () => {
  it("finds the team's cards and comments on the target shard, whose search vectors Postgres computed", async () => {
    const team = await seedTeam(app, 'searcher', 6);
    const actor = { userId: asUuid(team.userId) };
    const teamId = asUuid(team.teamId) as TeamId;
    const body = 'Needle in the comment' as CommentBody;
    await must(app.comments.create(actor, teamId, asUuid(team.boardId), team.cards[0] as CardId, { body }, null));
    const before = await must(op.rt.router.where(teamId));
    const to = otherShard(before.shardId);

    await must(moveTeam(op.env, { teamId, to }));
    op.rt.router.invalidate(teamId);

    const found = await must(app.search.team(actor, teamId, { q: 'card' }));
    expect(found.hits).toHaveLength(6);
    const needle = await must(app.search.team(actor, teamId, { q: 'needle' }));
    expect(needle.hits.map((h) => [h.kind, h.cardId])).toEqual([['comment', team.cards[0]]]);
    const { rows } = await op.rt.shards
      .get(to)!
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM cards WHERE team_id = $1 AND search @@ 'card'::tsquery`, [
        teamId,
      ]);
    expect(rows[0]?.n).toBe(6);
  });
});
