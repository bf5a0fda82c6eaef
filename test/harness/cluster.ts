import { createPool } from '../../src/adapters/pg/pool';
import { migrate, type MigrationKind } from '../../src/adapters/pg/migrate';
import { createTestDatabase, type TestDatabase } from './database';
import { startPostgres, type PgServer } from './postgres';

/** One shard of a test cluster; `server` is set when the shard has a server of its own to stop. */
export interface TestShard {
  readonly id: string;
  readonly url: string;
  readonly server: PgServer | null;
}

/** A migrated catalog and N migrated shards. */
export interface TestCluster {
  readonly catalogUrl: string;
  readonly shards: readonly TestShard[];
  /** The `SHARD_URLS` form: `shard-0=postgres://…,shard-1=postgres://…`. */
  readonly shardUrls: string;
  /** Drops the databases and stops the servers this cluster started. */
  readonly stop: () => Promise<void>;
}

export interface ClusterOptions {
  /** How many shards (default 3). */
  readonly shards?: number;
  /**
   * Give every shard its own server so a test can stop one (default false: every database lives on
   * the run's shared server, which is far cheaper).
   */
  readonly dedicatedShardServers?: boolean;
}

/** Applies the migrations of `kind` to the database at `url`. */
export const migrateUrl = async (url: string, kind: MigrationKind): Promise<void> => {
  const pool = createPool(url, { max: 1 });
  try {
    await migrate(pool, kind);
  } finally {
    await pool.end();
  }
};

const dedicatedShard = async (id: string): Promise<TestShard> => {
  const server = await startPostgres({ name: id });
  return { id, url: await server.createDatabase('boardroom'), server };
};

/** Starts (or carves out of the shared server) a catalog and `shards` shard databases, all migrated. */
export const startCluster = async ({
  shards = 3,
  dedicatedShardServers = false,
}: ClusterOptions = {}): Promise<TestCluster> => {
  const catalog = await createTestDatabase('catalog');
  const sharedDbs: TestDatabase[] = [];
  const ids = Array.from({ length: shards }, (_, i) => `shard-${i}`);
  const made = await Promise.all(
    ids.map(async (id): Promise<TestShard> => {
      if (dedicatedShardServers) return dedicatedShard(id);
      const db = await createTestDatabase(id.replace('-', '_'));
      sharedDbs.push(db);
      return { id, url: db.url, server: null };
    }),
  );
  await migrateUrl(catalog.url, 'catalog');
  await Promise.all(made.map((s) => migrateUrl(s.url, 'shard')));
  return {
    catalogUrl: catalog.url,
    shards: made,
    shardUrls: made.map((s) => `${s.id}=${s.url}`).join(','),
    stop: async () => {
      await Promise.all([catalog.drop(), ...sharedDbs.map((d) => d.drop())]);
      await Promise.all(made.map((s) => s.server?.destroy()));
    },
  };
};
