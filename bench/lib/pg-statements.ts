import { Client } from 'pg';
import type { DurablePostgres } from '../env/postgres';

/** Statement counts of one database: those the client sent, and all (with those run inside functions). */
interface Calls {
  readonly topLevel: number;
  readonly all: number;
}

/**
 * Statements executed so far per application database (pg_stat_statements with track=all, BEGIN and
 * COMMIT included). `toplevel` tells a statement the client sent (one round trip, as the `pg` driver
 * neither pipelines nor sends several statements in one string) from one a server-side function ran.
 * The `postgres` database (the bench's own samplers) and pgbench's databases are left out.
 */
const callsByDatabase = async (server: DurablePostgres): Promise<Map<string, Calls>> => {
  const c = new Client({ connectionString: server.databaseUrl('postgres') });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string; top: string; all: string }>(
      `SELECT d.datname, sum(s.calls) FILTER (WHERE s.toplevel) AS top, sum(s.calls) AS all
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname <> 'postgres' AND d.datname NOT LIKE 'pgbench\\_%'
        GROUP BY d.datname`,
    );
    return new Map(
      rows.map((r) => [`${server.name}/${r.datname}`, { topLevel: Number(r.top ?? 0), all: Number(r.all) }]),
    );
  } finally {
    await c.end();
  }
};

/** Statements of one database between `start` and `stop`. */
export interface StatementDelta {
  readonly topLevel: number;
  readonly all: number;
}

/**
 * Counts the statements the servers run between `start` and `stop`, per database. Nothing of the
 * bench may query the application databases meanwhile, or its statements are counted too.
 */
export class StatementCounter {
  private before = new Map<string, Calls>();

  constructor(private readonly servers: readonly DurablePostgres[]) {}

  async start(): Promise<void> {
    this.before = await this.read();
  }

  /** Statements run since `start`, per database (`pg-1/shard1`), databases with none left out. */
  async stop(): Promise<Record<string, StatementDelta>> {
    const after = await this.read();
    const out: Record<string, StatementDelta> = {};
    for (const [db, n] of after) {
      const was = this.before.get(db) ?? { topLevel: 0, all: 0 };
      const delta = { topLevel: n.topLevel - was.topLevel, all: n.all - was.all };
      if (delta.all > 0) out[db] = delta;
    }
    return out;
  }

  private async read(): Promise<Map<string, Calls>> {
    const maps = await Promise.all(this.servers.map(callsByDatabase));
    return new Map(maps.flatMap((m) => [...m]));
  }
}
