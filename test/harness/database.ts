import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startPostgres, type PgServer } from './postgres';

/** A fresh, empty database for one test file. */
export interface TestDatabase {
  readonly url: string;
  /** Drops the database, closing whatever connections are still open on it. */
  readonly drop: () => Promise<void>;
}

let fallback: Promise<PgServer> | null = null;

/** The shared server's admin URL; a private server when jest's global setup did not start one. */
const adminUrl = async (): Promise<string> => {
  const shared = process.env.BOARDROOM_TEST_PG_URL;
  if (shared) return shared;
  fallback ??= startPostgres({ name: `worker-${process.pid}` });
  return (await fallback).url;
};

const withAdmin = async <A>(f: (c: Client) => Promise<A>): Promise<A> => {
  const c = new Client({ connectionString: await adminUrl() });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
};

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Creates a uniquely named database on the shared test server. */
export const createTestDatabase = async (prefix: string): Promise<TestDatabase> => {
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  return {
    url: withDatabase(await adminUrl(), name),
    drop: async () => {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
};
