import { pipe } from 'fp-ts/function';
import * as A from 'fp-ts/ReadonlyArray';
import * as TE from 'fp-ts/TaskEither';
import type { AppError, NewNotification } from '../../domain';
import type { NotificationListener, NotificationStore, RecordedNotification } from '../ports/notifications';

export interface NotifyDeps {
  readonly notifications: NotificationStore;
  /** Called in order after recording: live delivery to sockets, the e-mail queue. */
  readonly listeners: readonly NotificationListener[];
}

/**
 * The one way a notification is made: record it (idempotent by userId + key), then tell every listener.
 * Callers retry the whole call on failure; recording again is harmless and listeners are idempotent.
 */
export const notify =
  (deps: NotifyDeps) =>
  (items: readonly NewNotification[]): TE.TaskEither<AppError, readonly RecordedNotification[]> =>
    items.length === 0
      ? TE.right([])
      : pipe(
          deps.notifications.record(items),
          TE.chainFirst((recorded) =>
            pipe(
              deps.listeners,
              A.traverse(TE.ApplicativeSeq)((listener) => listener(recorded)),
            ),
          ),
        );
