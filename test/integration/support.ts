import * as E from 'fp-ts/Either';
import { buildProgram } from '../../src/adapters/cli/main';
import { migrateAndSeed, openPostgres } from '../../src/adapters/storage/postgres-runtime';
import type { Application } from '../../src/application/api';
import { Email, Password, PersonName, Title, type ListId } from '../../src/domain';
import { startCluster, type ClusterOptions, type TestCluster } from '../harness/cluster';

/** Helpers the integration suites share: a migrated cluster, a seeded team, the operator CLI. */

export const must = async <T>(te: () => Promise<E.Either<unknown, T>>): Promise<T> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const decoded = <T>(codec: { is: (u: unknown) => u is T }, v: string): T => {
  if (!codec.is(v)) throw new Error(`bad test value ${v}`);
  return v;
};

/** A cluster migrated and seeded as `boardroom migrate` leaves it: shards registered, slots assigned. */
export const seededCluster = async (opts: ClusterOptions = { shards: 3 }): Promise<TestCluster> => {
  const cluster = await startCluster(opts);
  const rt = openPostgres(
    cluster.catalogUrl,
    cluster.shards.map((s) => ({ id: s.id, url: s.url })),
  );
  await migrateAndSeed(rt);
  await rt.close();
  return cluster;
};

/** A signed-up user, their team and one board, made through the use cases. */
export interface SeededTeam {
  readonly token: string;
  readonly userId: string;
  readonly teamId: string;
  readonly boardId: string;
  readonly lists: readonly string[];
  readonly cards: string[];
}

/** A user with a team whose board has the given lists and `cards` cards spread over them in turn. */
export const seedTeam = async (
  app: Application,
  name: string,
  cards = 10,
  listTitles: readonly string[] = ['Todo', 'Doing', 'Done'],
): Promise<SeededTeam> => {
  const session = await must(
    app.auth.signUp({
      email: decoded(Email, `${name}@example.com`),
      password: decoded(Password, 'correct horse battery'),
      name: decoded(PersonName, name),
    }),
  );
  const actor = { userId: session.user.id };
  const team = await must(app.teams.create(actor, { name: decoded(Title, `${name}'s team`) }));
  const board = await must(app.boards.create(actor, team.id, { title: decoded(Title, 'Sprint') }, null));
  const lists: ListId[] = [];
  for (const t of listTitles) {
    lists.push(
      (await must(app.lists.create(actor, team.id, board.value.id, { title: decoded(Title, t) }, null))).value.id,
    );
  }
  const ids: string[] = [];
  for (let i = 0; i < cards; i++) {
    const input = { listId: lists[i % lists.length] as ListId, title: decoded(Title, `Card ${i}`) };
    ids.push((await must(app.cards.create(actor, team.id, board.value.id, input, null))).value.id);
  }
  return {
    token: session.accessToken,
    userId: session.user.id,
    teamId: team.id,
    boardId: board.value.id,
    lists,
    cards: ids,
  };
};

/** Runs `boardroom <args>` against the cluster (and Redis) as an operator would; answers its output lines. */
export const cliRunner =
  (cluster: () => TestCluster, redisUrl: () => string | null = () => null) =>
  async (...args: string[]): Promise<string[]> => {
    const out: string[] = [];
    const redis = redisUrl();
    const env = {
      STORAGE: 'postgres',
      CATALOG_URL: cluster().catalogUrl,
      SHARD_URLS: cluster().shardUrls,
      JWT_SECRET: 'x'.repeat(32),
      ...(redis !== null && { REDIS_URL: redis }),
    };
    await buildProgram({ out: (l) => out.push(l), env }).parseAsync(['node', 'boardroom', ...args]);
    return out;
  };
