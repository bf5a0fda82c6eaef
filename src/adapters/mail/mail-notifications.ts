import type { Clock, IdGenerator, Mailer, MailQueue, UnsubscribeTokens, UserRepository } from '../../application/ports';
import { sendDueMail } from '../../application/notifications/mail/send-due-mail';
import type { Logger } from '../observability/logger';
import { every } from './every';

export interface MailNotificationsDeps {
  readonly users: UserRepository;
  readonly queue: MailQueue;
  readonly mailer: Mailer;
  readonly tokens: UnsubscribeTokens;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  /** PUBLIC_URL, no trailing slash. */
  readonly publicUrl: string;
  /** MAIL_SEND_INTERVAL_MS. */
  readonly sendIntervalMs: number;
}

/** Batches one sender round claims; a round that finds this many goes again at once. */
const BATCH_LIMIT = 50;
const LEASE_MS = 5 * 60_000;
const RETRY_MS = 60_000;

/**
 * The sending side of notification e-mail (the queueing side is a listener of `notify`, in
 * application/notifications/listeners).
 */
export interface MailNotifications {
  /** Starts this instance's sender; answers how to stop it. Every instance may run one (batches are claimed). */
  readonly startSender: () => () => Promise<void>;
}

export const mailNotifications = (deps: MailNotificationsDeps): MailNotifications => {
  const send = sendDueMail({
    queue: deps.queue,
    users: deps.users,
    mailer: deps.mailer,
    tokens: deps.tokens,
    clock: deps.clock,
    ids: deps.ids,
    publicUrl: deps.publicUrl,
    batchLimit: BATCH_LIMIT,
    leaseMs: LEASE_MS,
    retryMs: RETRY_MS,
  });
  const drain = async () => {
    for (;;) {
      const round = await send();
      if (round.sent + round.retried > 0) deps.logger.info({ mail: round }, 'notification e-mail round');
      if (round.sent + round.dropped + round.retried < BATCH_LIMIT) return;
    }
  };
  return {
    startSender: () => every(deps.sendIntervalMs, drain, deps.logger, 'notification e-mail round'),
  };
};
