import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError } from '../../domain';

/**
 * Starts `task` without waiting for it. Used for mail whose delivery must not shape the answer: a
 * password reset answers alike (and about as fast) whether or not a message goes out. The mail adapters
 * log their own failures, so nothing is lost by not looking at the result here.
 */
export const inBackground = (task: TaskEither<AppError, unknown>): void => {
  void task();
};
