import { Client } from 'pg';
import type { DurablePostgres } from '../env/postgres';

/** Statements executed so far per database (pg_stat_statements, BEGIN and COMMIT included). */
const callsByDatabase = async (server: DurablePostgres): Promise<Map<string, number>> => {
  const c = new Client({ connectionString: server.databaseUrl('postgres') });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string; calls: string }>(
      `SELECT d.datname, sum(s.calls) AS calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname <> 'postgres' GROUP BY d.datname`,
    );
    return new Map(rows.map((r) => [`${server.name}/${r.datname}`, Number(r.calls)]));
  } finally {
    await c.end();
  }
};

/** Counts the statements the servers run between `start` and `stop`, per database. */
export class StatementCounter {
  private before = new Map<string, number>();

  constructor(private readonly servers: readonly DurablePostgres[]) {}

  async start(): Promise<void> {
    this.before = await this.read();
  }

  /** Statements per unit of work (e.g. per move), per database. */
  async stop(units: number): Promise<Record<string, number>> {
    const after = await this.read();
    const out: Record<string, number> = {};
    for (const [db, n] of after) {
      const per = (n - (this.before.get(db) ?? 0)) / units;
      if (per > 0.01) out[db] = Math.round(per * 10) / 10;
    }
    return out;
  }

  private async read(): Promise<Map<string, number>> {
    const maps = await Promise.all(this.servers.map(callsByDatabase));
    return new Map(maps.flatMap((m) => [...m]));
  }
}
