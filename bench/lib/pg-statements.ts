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

interface StatementTime {
  readonly query: string;
  readonly calls: number;
  readonly ms: number;
}

const timesByStatement = async (server: DurablePostgres): Promise<Map<string, StatementTime>> => {
  const c = new Client({ connectionString: server.databaseUrl('postgres') });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string; query: string; calls: string; ms: number }>(
      `SELECT s.queryid::text || '/' || s.toplevel::text AS id, s.query, s.calls, s.total_exec_time AS ms
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname <> 'postgres' AND d.datname NOT LIKE 'pgbench\\_%'`,
    );
    return new Map(rows.map((r) => [r.id, { query: r.query, calls: Number(r.calls), ms: Number(r.ms) }]));
  } finally {
    await c.end();
  }
};

/**
 * Where one server's statement time went between `start` and `stop` (pg_stat_statements): the
 * statements with the most execution time, with their calls and mean, those run inside functions
 * included (their time is also part of the function's).
 */
export class StatementTimes {
  private before = new Map<string, StatementTime>();

  constructor(private readonly server: DurablePostgres) {}

  async start(): Promise<void> {
    this.before = await timesByStatement(this.server);
  }

  async stop(top: number): Promise<Record<string, string>> {
    const after = await timesByStatement(this.server);
    const deltas = [...after].map(([id, s]) => {
      const was = this.before.get(id) ?? { calls: 0, ms: 0 };
      return { ...s, calls: s.calls - was.calls, ms: s.ms - was.ms };
    });
    const busiest = deltas.filter((d) => d.calls > 0).sort((a, b) => b.ms - a.ms);
    return Object.fromEntries(
      busiest
        .slice(0, top)
        .map((d) => [
          `statement: ${d.query.replace(/\s+/g, ' ').slice(0, 60)}`,
          `${Math.round(d.ms)} ms in ${d.calls} calls (${(d.ms / d.calls).toFixed(3)} ms each)`,
        ]),
    );
  }
}
