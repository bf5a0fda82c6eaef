import { join } from 'node:path';
import type { Mailer } from '../../application/ports';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import { OutboxMailer } from './outbox.mailer';
import { SmtpMailer } from './smtp.mailer';

/** SMTP when SMTP_URL is set; otherwise the outbox folder under DATA_DIR, so no mail server is needed. */
export const mailerFromConfig = (config: Config, logger: Logger): Mailer =>
  config.smtpUrl !== null
    ? new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom, logger })
    : new OutboxMailer({ dir: join(config.dataDir, 'outbox'), from: config.mailFrom, logger });
