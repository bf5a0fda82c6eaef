import type { Pool, PoolClient } from 'pg';
import { gauge, histogram } from './prom';
import { noteShard } from './request-context';

/** A pool to watch: `database` is `catalog` or a shard id. */
interface Watched {
  readonly database: string;
  readonly pool: Pool;
}

// Every open pool in the process; a scrape reads their counters (several runtimes coexist in tests).
const watched = new Set<Watched>();

const queryDuration = () =>
  histogram(
    'db_query_duration_seconds',
    'Query latency by database (catalog or shard id), including the wait for a connection',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ['database'],
  );

const maxOf = (pool: Pool): number => (pool.options as { max?: number }).max ?? 10;

/** Pool gauges, recomputed from the live pools on every scrape. */
const registerPoolGauges = (): void => {
  gauge(
    'db_pool_connections',
    'Open pool connections by database and state (in_use, idle)',
    ['database', 'state'],
    function () {
      this.reset();
      for (const { database, pool } of watched) {
        this.inc({ database, state: 'idle' }, pool.idleCount);
        this.inc({ database, state: 'in_use' }, pool.totalCount - pool.idleCount);
      }
    },
  );
  gauge('db_pool_waiting_requests', 'Queries queued for a free connection, by database', ['database'], function () {
    this.reset();
    for (const { database, pool } of watched) this.inc({ database }, pool.waitingCount);
  });
  gauge('db_pool_saturation_ratio', 'Connections in use over the pool maximum, by database', ['database'], function () {
    this.reset();
    for (const { database, pool } of watched) this.set({ database }, (pool.totalCount - pool.idleCount) / maxOf(pool));
  });
};

type AnyFn = (...args: unknown[]) => unknown;

/** Wraps `target[method]` so `before` runs first, in the caller's async context. */
const before = (target: object, method: 'query' | 'connect', run: () => void): void => {
  const t = target as Record<string, AnyFn>;
  const original = (t[method] as AnyFn).bind(target);
  t[method] = (...args: unknown[]) => {
    run();
    return original(...args);
  };
};

/** Times every query a client runs, whether the caller awaits it or passes a callback (as `pool.query` does). */
const timeQueries = (client: PoolClient, database: string): void => {
  const t = client as unknown as Record<string, AnyFn>;
  const original = (t.query as AnyFn).bind(client);
  const duration = queryDuration();
  t.query = (...args: unknown[]) => {
    const stop = duration.startTimer({ database });
    const done = () => void stop();
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        done();
        return (last as AnyFn)(...results);
      };
      return original(...args);
    }
    const result = original(...args);
    // Not `then(stop, stop)`: the timer would take the query result for labels.
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result;
  };
};

/**
 * Times every query run through `pool` (directly or on a checked-out client) by database, notes the
 * shard on the current request, and exposes the pool's saturation until `pool.end()`.
 */
export const instrumentPool = (pool: Pool, database: string, isShard: boolean): Pool => {
  registerPoolGauges();
  const w: Watched = { database, pool };
  watched.add(w);
  if (isShard) {
    before(pool, 'query', () => noteShard(database));
    before(pool, 'connect', () => noteShard(database));
  }
  // Every query, pooled or in a transaction, runs on a client; each new connection is wrapped once.
  pool.on('connect', (client) => {
    timeQueries(client, database);
    // pg only listens for errors on idle clients: a server shutting down between two queries of a
    // checked-out client would otherwise crash the process; the next query fails and is classified instead.
    client.on('error', () => undefined);
  });
  const end = pool.end.bind(pool);
  pool.end = (() => {
    watched.delete(w);
    return end();
  }) as Pool['end'];
  return pool;
};
