import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutboundMail } from '../../application/ports';
import { unavailable, type AppError } from '../../domain';
import type { Logger } from '../observability/logger';
import { nodemailerMessage, recipientDomain } from './message';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (SMTP_URL). */
  readonly url: string;
  /** The From header (MAIL_FROM). */
  readonly from: string;
  readonly logger: Logger;
}

/**
 * Delivers through an SMTP relay with nodemailer, one connection per message. A refused or failed
 * delivery is logged here (callers such as password reset cannot report it to the requester) and
 * answered as `unavailable`.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpMailerOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }

  readonly send =
    (mail: OutboundMail): TaskEither<AppError, void> =>
    async () => {
      try {
        await this.transport.sendMail(nodemailerMessage(mail, this.options.from));
        return E.right(undefined);
      } catch (err) {
        this.options.logger.warn(
          { err: err instanceof Error ? err.message : String(err), domain: recipientDomain(mail.to) },
          'mail delivery failed',
        );
        return E.left(unavailable('The mail server did not accept the message', 30));
      }
    };

  /** Releases the transport's connections. */
  close(): void {
    this.transport.close();
  }
}
