import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Mailer, OutboundMail } from '../../application/ports';
import type { AppError } from '../../domain';

/** Keeps sent messages in a list: tests and `STORAGE=memory` read what would have been mailed. */
export class MemoryMailer implements Mailer {
  readonly sent: OutboundMail[] = [];

  readonly send =
    (mail: OutboundMail): TaskEither<AppError, void> =>
    async () => {
      this.sent.push(mail);
      return E.right(undefined);
    };
}
