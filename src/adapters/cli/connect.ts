import { Client } from 'pg';
import type { Config, ShardUrl } from '../config/config';
import { embeddedUrls, startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { openPostgres, type PostgresRuntime } from '../storage/postgres-runtime';

/** A Postgres runtime for one CLI command, and what must be released when it is done. */
export interface CliStorage {
  readonly rt: PostgresRuntime;
  readonly release: () => Promise<void>;
}

const reachable = async (url: string): Promise<boolean> => {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
};

const toShardUrls = (urls: Readonly<Record<string, string>>): ShardUrl[] =>
  Object.entries(urls).map(([id, url]) => ({ id, url }));

/**
 * The databases the configured server uses. In embedded mode the CLI talks to the servers a running
 * `npm start` serves, or starts them itself (and stops them afterwards) when nothing runs.
 */
export const connectStorage = async (config: Config): Promise<CliStorage> => {
  if (config.storage === 'memory') throw new Error('STORAGE=memory keeps no databases for the CLI to work on');
  if (config.storage === 'postgres') {
    const rt = openPostgres(config.catalogUrl as string, config.shardUrls);
    return { rt, release: rt.close };
  }
  const running = await embeddedUrls(config.dataDir, { basePort: config.embeddedPgPort });
  if (running && (await reachable(running.catalogUrl))) {
    const rt = openPostgres(running.catalogUrl, toShardUrls(running.shardUrls));
    return { rt, release: rt.close };
  }
  const cluster = await startEmbeddedPostgres(config.dataDir, { basePort: config.embeddedPgPort });
  const rt = openPostgres(cluster.catalogUrl, toShardUrls(cluster.shardUrls));
  return { rt, release: async () => (await rt.close(), await cluster.stop()) };
};
