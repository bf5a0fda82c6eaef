import * as E from 'fp-ts/Either';
import pino from 'pino';
import type { Pool } from 'pg';
import { RedisControlBus } from '../../../src/adapters/redis/control-bus';
import { migrateAndSeed, openPostgres, type PostgresRuntime } from '../../../src/adapters/storage/postgres-runtime';
import type { Application } from '../../../src/application/api';
import { Email, Password, PersonName, Title, type ListId, type TeamId } from '../../../src/domain';
import type { MoveEnv } from '../../../src/shard-router/move';
import { startCluster, type TestCluster } from '../../harness/cluster';
import type { Team } from './load';

export const must = async <T>(te: () => Promise<E.Either<unknown, T>>): Promise<T> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const decoded = <T>(codec: { is: (u: unknown) => u is T }, v: string): T => {
  if (!codec.is(v)) throw new Error(`bad test value ${v}`);
  return v;
};

/** A migrated, seeded cluster of three shards. */
export const seededCluster = async (): Promise<TestCluster> => {
  const cluster = await startCluster({ shards: 3 });
  const rt = openPostgres(
    cluster.catalogUrl,
    cluster.shards.map((s) => ({ id: s.id, url: s.url })),
  );
  await migrateAndSeed(rt);
  await rt.close();
  return cluster;
};

/** What the operator's `boardroom move-team` works with: its own pools and control-channel publisher. */
export interface Operator {
  readonly env: MoveEnv;
  readonly rt: PostgresRuntime;
  readonly close: () => Promise<void>;
}

export const operator = (cluster: TestCluster, redisUrl: string | null): Operator => {
  const rt = openPostgres(
    cluster.catalogUrl,
    cluster.shards.map((s) => ({ id: s.id, url: s.url })),
  );
  const control = redisUrl ? new RedisControlBus({ url: redisUrl, logger: pino({ level: 'silent' }) }) : null;
  return {
    rt,
    env: {
      catalog: rt.catalog,
      shards: rt.shards,
      placements: rt.placements,
      publish: (m) => (control ? control.publish(m)() : Promise.resolve()),
    },
    close: async () => {
      await control?.close();
      await rt.close();
    },
  };
};

/** A user with a team whose board has two lists and `cards` cards. */
export const seedTeam = async (app: Application, name: string, cards = 10): Promise<Team> => {
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
  for (const t of ['Todo', 'Doing', 'Done']) {
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

/** The team's row count per shard table on one shard. */
export const teamRows = async (pool: Pool, teamId: string): Promise<Record<string, number>> => {
  const tables = ['boards', 'lists', 'cards', 'comments', 'board_events', 'applied_mutations'];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE team_id = $1`, [
      teamId,
    ]);
    counts[t] = rows[0]?.n ?? 0;
  }
  return counts;
};

export const otherShard = (from: string): string => (from === 'shard-0' ? 'shard-1' : 'shard-0');
export type { TeamId };
