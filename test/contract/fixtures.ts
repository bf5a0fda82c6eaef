import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { v4 } from 'uuid';
import { asUuid, type AppError, type Uuid } from '../../src/domain';

/** What a contract suite gets from an adapter: the port, and how to let go of it. */
export interface Subject<P> {
  readonly port: P;
  readonly close: () => Promise<void>;
}

/** A fresh id; every test works in its own team, so tests never see each other's rows. */
export const newId = (): Uuid => asUuid(v4());

/** Increasing ISO timestamps (millisecond precision, as the domain's clock produces them). */
export const ticker = (start = Date.parse('2025-03-01T08:00:00.000Z')) => {
  let t = start;
  return (): string => new Date((t += 1000)).toISOString();
};

/** The value of a TaskEither the test expects to succeed. */
export const ok = async <A>(te: TaskEither<AppError, A>): Promise<A> => {
  const result = await te();
  if (E.isLeft(result)) throw new Error(`Expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** The error of a TaskEither the test expects to fail. */
export const fail = async <A>(te: TaskEither<AppError, A>): Promise<AppError> => {
  const result = await te();
  if (E.isRight(result)) throw new Error(`Expected an error, got ${JSON.stringify(result.right)}`);
  return result.left;
};
