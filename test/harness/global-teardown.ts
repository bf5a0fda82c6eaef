import type { PgHost } from './containers';

/** Stops the run's shared Postgres server started by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  const host = (globalThis as { __boardroomPg?: PgHost }).__boardroomPg;
  await host?.destroy();
}
