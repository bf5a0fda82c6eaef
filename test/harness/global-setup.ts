import { containerEngineAvailable, startPostgresContainer, type PgHost } from './containers';
import { startPostgres } from './postgres';

/**
 * One Postgres server for the whole jest run; each test file makes its own databases on it
 * (test/harness/database.ts), which costs milliseconds instead of a server start per file.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.BOARDROOM_TEST_PG_URL) return;
  const host: PgHost = (await containerEngineAvailable())
    ? await startPostgresContainer()
    : await startPostgres({ name: 'shared' });
  (globalThis as { __boardroomPg?: PgHost }).__boardroomPg = host;
  // Workers are forked after this runs, so they inherit the variable.
  process.env.BOARDROOM_TEST_PG_URL = host.url;
}
