import { makePgInvitationRepository } from '../../src/adapters/pg/invitation.repository';
import { makePgTeamRepository } from '../../src/adapters/pg/team.repository';
import { makePgUserRepository } from '../../src/adapters/pg/user.repository';
import { migrateAndSeed, openPostgres, type PostgresRuntime } from '../../src/adapters/storage/postgres-runtime';
import type {
  BoardStore,
  InvitationRepository,
  TeamRepository,
  TeamSearch,
  UserRepository,
} from '../../src/application/ports';
import { startCluster, type ClusterOptions, type TestCluster } from '../harness/cluster';

/** The three durable ports on a catalog and real Postgres shards, behind the shard router. */
export interface PostgresPorts {
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  readonly invitations: InvitationRepository;
  readonly boards: BoardStore;
  readonly search: TeamSearch;
  readonly rt: PostgresRuntime;
  readonly cluster: TestCluster;
}

const opened: Promise<PostgresPorts>[] = [];

/** Starts a migrated, seeded cluster (3 shards by default) and the pg adapters over it. */
export const openPostgresPorts = (opts: ClusterOptions = {}): Promise<PostgresPorts> => {
  const ports = (async () => {
    const cluster = await startCluster(opts);
    const rt = openPostgres(
      cluster.catalogUrl,
      cluster.shards.map((s) => ({ id: s.id, url: s.url })),
    );
    await migrateAndSeed(rt);
    return {
      users: makePgUserRepository(rt.catalog),
      teams: makePgTeamRepository(rt.catalog),
      invitations: makePgInvitationRepository(rt.catalog),
      boards: rt.router.boards,
      search: rt.search,
      rt,
      cluster,
    };
  })();
  opened.push(ports);
  return ports;
};

/** Ends the pools and drops the databases of every cluster this test file opened. */
export const closePostgresPorts = async (): Promise<void> => {
  const all = await Promise.allSettled(opened.splice(0));
  for (const p of all) {
    if (p.status === 'fulfilled') {
      await p.value.rt.close();
      await p.value.cluster.stop();
    }
  }
};

/**
 * A port whose members wait for the real adapter to exist. Every port member returns a Task or
 * TaskEither (a thunk), so a synchronous test builder can hand out ports whose databases are still
 * being created.
 */
export const deferredPort = <P extends object>(ready: Promise<P>): P =>
  new Proxy({} as P, {
    get:
      (_target, member) =>
      (...args: unknown[]) =>
      () =>
        ready.then((port) =>
          (port as Record<PropertyKey, (...a: unknown[]) => () => Promise<unknown>>)[member]!(...args)(),
        ),
  });
