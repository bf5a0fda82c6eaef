import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutboundMail } from '../../application/ports';
import { unavailable, type AppError } from '../../domain';
import type { Logger } from '../observability/logger';
import { nodemailerMessage, recipientDomain } from './message';

export interface OutboxMailerOptions {
  /** The folder the .eml files go to (DATA_DIR/outbox). */
  readonly dir: string;
  /** The From header (MAIL_FROM). */
  readonly from: string;
  readonly logger: Logger;
}

let sequence = 0;

/** A name that sorts by time of writing and never collides within this process. */
const fileName = (now: Date): string =>
  `${now.toISOString().replace(/[:.]/g, '-')}-${process.pid}-${String(++sequence).padStart(6, '0')}.eml`;

/**
 * Writes every message as an RFC 822 file (.eml, CRLF line ends, with a plain-text part) under the
 * outbox folder instead of sending it: `npm start` works without a mail server, and an operator (or a
 * test) opens the file to follow a link. Files appear whole: written under a temporary name, then renamed.
 */
export class OutboxMailer implements Mailer {
  private readonly composer: Transporter;

  constructor(private readonly options: OutboxMailerOptions) {
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  readonly send =
    (mail: OutboundMail): TaskEither<AppError, void> =>
    async () => {
      try {
        const info = await this.composer.sendMail(nodemailerMessage(mail, this.options.from));
        const file = join(this.options.dir, fileName(new Date()));
        await mkdir(this.options.dir, { recursive: true });
        await writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
        await rename(`${file}.tmp`, file);
        this.options.logger.info({ file, domain: recipientDomain(mail.to) }, 'mail written to the outbox');
        return E.right(undefined);
      } catch (err) {
        this.options.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox write failed');
        return E.left(unavailable('The message could not be written to the outbox'));
      }
    };
}
