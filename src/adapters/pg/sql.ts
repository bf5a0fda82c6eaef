import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { AppError } from '../../domain';
import { classifyPgError } from './pool';

/** Anything that runs a query: the pool (autocommit) or a client inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

/** Runs one query and decodes its rows; infrastructure failures become `unavailable`. */
export const rows =
  <R extends QueryResultRow, A>(
    db: Queryable,
    text: string,
    values: readonly unknown[],
    decode: (row: R) => A,
  ): TE.TaskEither<AppError, A[]> =>
  async () => {
    try {
      const result = await db.query<R>(text, values as unknown[]);
      return E.right(result.rows.map(decode));
    } catch (err) {
      return E.left(classifyPgError(err));
    }
  };

/** The single row a query returns, or the error `missing` when it returns none. */
export const one =
  <R extends QueryResultRow, A>(
    db: Queryable,
    text: string,
    values: readonly unknown[],
    decode: (row: R) => A,
    missing: AppError,
  ): TE.TaskEither<AppError, A> =>
  async () => {
    const result = await rows(db, text, values, decode)();
    if (E.isLeft(result)) return result;
    const [first] = result.right;
    return first === undefined ? E.left(missing) : E.right(first);
  };

/**
 * Runs `body` in one transaction on one connection. A Left rolls back and is returned; a thrown
 * infrastructure error becomes `unavailable`; a thrown bug is rethrown after rolling back.
 */
export const inTransaction =
  <A>(pool: Pool, body: (client: PoolClient) => Promise<E.Either<AppError, A>>): TE.TaskEither<AppError, A> =>
  async () => {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      return E.left(classifyPgError(err));
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query(E.isRight(result) ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      return E.left(classifyPgError(err));
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken);
    }
  };

/**
 * Runs `work` in a transaction on its own connection of `pool`, for callers whose failures are thrown
 * (the placement store, tenant moves); a connection whose rollback failed is destroyed, not reused.
 */
export const transaction = async <A>(pool: Pool, work: (c: PoolClient) => Promise<A>): Promise<A> => {
  const c = await pool.connect();
  let broken = false;
  try {
    await c.query('BEGIN');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    c.release(broken);
  }
};
