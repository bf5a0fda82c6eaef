import { Pool, types, type PoolConfig } from 'pg';
import { conflict, unavailable, type AppError } from '../../domain';

/** Limits for one database's pool; a slow or dead database must fail its callers fast, not hang them. */
export interface PoolOptions {
  /** Most connections this process opens to the database (default 10). */
  readonly max?: number;
  /** How long to wait for a free or new connection before giving up (default 2000 ms). */
  readonly connectionTimeoutMillis?: number;
  /** Server-side limit for one statement, and the client-side limit for a reply (default 5000 ms). */
  readonly statementTimeoutMillis?: number;
  /** Idle connections are closed after this long (default 10000 ms). */
  readonly idleTimeoutMillis?: number;
  /** Told about errors on idle connections (a restarted server, a dropped socket); never thrown. */
  readonly onError?: (err: Error) => void;
  /** Shown in pg_stat_activity, e.g. `boardroom:shard-1`. */
  readonly applicationName?: string;
}

const INT8_OID = 20;
const DATE_OID = 1082;

/**
 * Parsers for this adapter's pools only: bigint columns (seq, epoch, counts) are well below 2^53, and
 * a `date` must stay the `YYYY-MM-DD` string the domain uses, not a Date in the process's time zone.
 */
const typeParsers: NonNullable<PoolConfig['types']> = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === DATE_OID) return (v: string) => v;
    return types.getTypeParser(oid, format as 'text');
  }) as NonNullable<PoolConfig['types']>['getTypeParser'],
};

/** A pool with bounded waits, whose connection errors are reported instead of crashing the process. */
export const createPool = (connectionString: string, opts: PoolOptions = {}): Pool => {
  const statementTimeout = opts.statementTimeoutMillis ?? 5000;
  const pool = new Pool({
    connectionString,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 2000,
    idleTimeoutMillis: opts.idleTimeoutMillis ?? 10_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 500,
    application_name: opts.applicationName ?? 'boardroom',
    types: typeParsers,
  });
  // An idle client whose server went away emits here; without a listener Node would crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  return pool;
};

/** SQLSTATE codes (and their classes) that mean "the database cannot serve now", not "the request is wrong". */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement_timeout)
  '53300', // too_many_connections
  '53000', // insufficient_resources
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
]);

const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
  'Client was closed',
  'connection timeout',
];

const isUnavailable = (err: { code?: unknown; message?: unknown }): boolean => {
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  return (
    UNAVAILABLE_STATES.has(code) ||
    code.startsWith('08') ||
    UNAVAILABLE_NODE_CODES.has(code) ||
    UNAVAILABLE_MESSAGES.some((m) => message.includes(m))
  );
};

/** The SQLSTATE of a Postgres error, if it is one. */
export const sqlState = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined;

/**
 * Maps a pg failure to what the caller should hear: lost or overloaded infrastructure is `unavailable`
 * (retry in 2 s), a unique violation is a `conflict`. Anything else is a bug and is rethrown.
 */
export const classifyPgError = (err: unknown): AppError => {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown };
  if (isUnavailable(e)) return unavailable('The database is unavailable; retry shortly', 2);
  if (e.code === '23505') return conflict('It already exists', 'already_exists');
  throw err;
};
