import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { preferenceOf, type AppError, type User } from '../../../domain';
import type { Clock, MailQueue, NotificationListener, UserRepository } from '../../ports';
import { mailBatchOf } from './batching';

export interface MailListenerDeps {
  readonly users: Pick<UserRepository, 'findMany'>;
  readonly queue: MailQueue;
  readonly clock: Clock;
  /** How long after its first notification a per-card message waits for more (NOTIFY_BATCH_SECONDS). */
  readonly batchWindowMs: number;
}

/**
 * Queues for e-mail each notification whose kind its person has e-mail on for, in the batch their digest
 * mode says. Hearing a notification again queues nothing new (the queue is idempotent by id).
 */
export const mailQueueListener =
  (deps: MailListenerDeps): NotificationListener =>
  (recorded) =>
    recorded.length === 0
      ? TE.right(undefined)
      : pipe(
          deps.users.findMany(recorded.map((r) => r.notification.userId)),
          TE.chain((users) => {
            const now = deps.clock.now();
            const byId = new Map(users.map((u) => [u.id, u]));
            const items = recorded.flatMap(({ notification }) => {
              const user = byId.get(notification.userId);
              if (!user || !user.settings.email[preferenceOf(notification.kind)]) return [];
              return [{ notification, ...mailBatchOf(notification, user.settings, deps.batchWindowMs, now) }];
            });
            return items.length === 0 ? TE.right(0) : deps.queue.enqueue(items, now);
          }),
          TE.map(() => undefined),
        );

/**
 * After a person changes their digest mode or time zone: their queued, unsent e-mail moves to the batches the new mode
 * says, so switching from a daily digest to 'immediately' sends what waits now rather than at midnight,
 * and switching the other way folds pending per-card messages into the digest.
 */
export const mailRebatcher =
  (deps: Omit<MailListenerDeps, 'users'>) =>
  (user: User): TE.TaskEither<AppError, number> => {
    const now = deps.clock.now();
    return deps.queue.rebatch(user.id, (n) => mailBatchOf(n, user.settings, deps.batchWindowMs, now), now);
  };
