import type { Container } from 'inversify';
import { scanDueCards, type DueScanDeps } from './application/notifications/due/scan-due-cards';
import type { Config } from './adapters/config/config';
import type { Logger } from './adapters/observability/logger';
import { TOKENS } from './adapters/tokens';
import { every } from './adapters/mail/every';
import { mailNotifications, type MailNotifications } from './adapters/mail/mail-notifications';

/** Notification e-mail and due-date reminders of one instance, built from the container's ports. */
export interface NotificationMailRuntime extends MailNotifications {
  /** Starts the due-date scan (every DUE_SCAN_SECONDS, run by one instance at a time); answers how to stop it. */
  readonly startDueScan: (notify: DueScanDeps['notify']) => () => Promise<void>;
}

/**
 * The one wiring function of the e-mail side: `startSender()` runs on every instance, `startDueScan(notify)`
 * too (the catalog claim lets one of them act per interval). Queueing is among `notify`'s listeners.
 */
export const notificationMail = (container: Container, config: Config, logger: Logger): NotificationMailRuntime => {
  const clock = container.get(TOKENS.Clock);
  const mail = mailNotifications({
    users: container.get(TOKENS.Users),
    queue: container.get(TOKENS.MailQueue),
    mailer: container.get(TOKENS.Mailer),
    tokens: container.get(TOKENS.UnsubscribeTokens),
    clock,
    ids: container.get(TOKENS.Ids),
    logger,
    publicUrl: config.publicUrl,
    sendIntervalMs: config.mailSendIntervalMs,
  });
  const intervalMs = config.dueScanSeconds * 1000;
  return {
    ...mail,
    startDueScan: (notify) => {
      const scan = scanDueCards({
        dueCards: container.get(TOKENS.DueCards),
        teams: container.get(TOKENS.Teams),
        runs: container.get(TOKENS.SchedulerRuns),
        clock,
        notify,
        intervalMs,
      });
      return every(intervalMs, scan, logger, 'due-date scan');
    },
  };
};
