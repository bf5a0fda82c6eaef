import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Clock, ControlBus, MailQueue, NotificationListener, NotificationStore, UserRepository } from '../ports';
import { mailQueueListener, mailRebatcher } from './mail/mail-listener';
import type { NotifyDeps } from './notify';

/**
 * Live delivery: each newly stored notification goes over the control channel to every instance, whose
 * socket server hands it to every socket of its person. Ones stored before (a retry) are not pushed again:
 * the inbox already showed them, and the web lists by id anyway.
 */
export const liveDelivery =
  (control: ControlBus): NotificationListener =>
  (items) =>
    pipe(
      TE.fromTask(async () => {
        for (const { notification, created } of items) {
          if (created) await control.publish({ type: 'user.notified', userId: notification.userId, notification })();
        }
      }),
    );

/** What the notification listeners are built from. */
export interface ListenerDeps {
  readonly notifications: NotificationStore;
  readonly control: ControlBus;
  readonly users: Pick<UserRepository, 'findMany'>;
  readonly clock: Clock;
  /** The e-mail queue the mail listener fills (sent by each instance's sender loop). */
  readonly mailQueue: MailQueue;
  /** How long a per-card e-mail waits for more notifications (NOTIFY_BATCH_SECONDS, in ms). */
  readonly notifyBatchMs: number;
}

/**
 * THE list of what happens to every notification once it is stored, in order. Add a listener here (the
 * e-mail queue, say) and every way a notification is made — board events through the outbox,
 * invitations, the due-date scheduler — calls it.
 */
export const notificationListeners = (deps: ListenerDeps): readonly NotificationListener[] => [
  liveDelivery(deps.control),
  mailQueueListener({ users: deps.users, queue: deps.mailQueue, clock: deps.clock, batchWindowMs: deps.notifyBatchMs }),
];

/** `notify`'s dependencies: the store and the listeners above. */
export const notifyDeps = (deps: ListenerDeps): NotifyDeps => ({
  notifications: deps.notifications,
  listeners: notificationListeners(deps),
});

/** Moves a person's queued e-mail to the batches of their (changed) digest mode; see `mailRebatcher`. */
export const rebatchMail = (deps: ListenerDeps) =>
  mailRebatcher({ queue: deps.mailQueue, clock: deps.clock, batchWindowMs: deps.notifyBatchMs });
