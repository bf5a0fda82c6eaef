import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { DurablePostgres } from '../env/postgres';

const run = promisify(execFile);
const PGBENCH = process.env.PGBENCH_BIN ?? '/usr/lib/postgresql/15/bin/pgbench';

// Each pgbench client updates its own row, as each mover writes its own board: no lock contention
// in either, so a ratio compares the cost of a move with the cost of the cheapest durable write.
const SCRIPT = '\\set id :client_id + 1\nUPDATE bench_row SET v = v + 1 WHERE id = :id;\n';

/** What pgbench measured: transactions per second and its mean transaction latency. */
export interface PgbenchFigures {
  readonly tps: number;
  /** pgbench's "latency average", in ms. */
  readonly latencyMs: number;
  /** The command, for the report's notes. */
  readonly command: string;
}

/**
 * Runs pgbench with `clients` connections for `seconds` on the given server, each client
 * updating its own row of a fresh table (one durable commit per transaction).
 */
export const pgbench = async (server: DurablePostgres, clients: number, seconds: number): Promise<PgbenchFigures> => {
  const url = await server.createDatabase(`pgbench_${Date.now()}`);
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE TABLE bench_row (id int PRIMARY KEY, v bigint NOT NULL DEFAULT 0)');
  await c.query('INSERT INTO bench_row (id) SELECT generate_series(1, $1)', [clients]);
  await c.end();
  const script = path.join(os.tmpdir(), `boardroom-pgbench-${process.pid}-${clients}.sql`);
  await writeFile(script, SCRIPT);
  const threads = String(Math.min(2, clients));
  const args = ['-n', '-c', String(clients), '-j', threads, '-T', String(seconds), '-f', script, url];
  try {
    const { stdout } = await run(PGBENCH, args);
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
    if (tps === undefined || latency === undefined) throw new Error(`pgbench printed no tps/latency: ${stdout}`);
    const command = `pgbench -n -c ${clients} -j ${threads} -T ${seconds} (single-row UPDATE script)`;
    return { tps: Number(tps), latencyMs: Number(latency), command };
  } finally {
    await rm(script, { force: true });
  }
};
