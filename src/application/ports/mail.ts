import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError } from '../../domain';

/** One e-mail as the application writes it; adapters turn it into a MIME message. */
export interface OutboundMail {
  readonly to: string;
  readonly subject: string;
  /** The plain-text body; every message has one. */
  readonly text: string;
  /** An optional HTML alternative of the same content. */
  readonly html?: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Outbound mail (SMTP when configured, else an outbox folder under DATA_DIR). A message is handed over
 * once; failures answer `unavailable` and the caller decides whether that fails its request.
 */
export interface Mailer {
  /** Hands one message to the mail system. */
  readonly send: (mail: OutboundMail) => TaskEither<AppError, void>;
}
