import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 that keeps every message delivered to it, parsed. */
export interface TestSmtpServer {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`, ready for SMTP_URL. */
  readonly url: string;
  /** Every delivered message, in order of arrival, with the envelope it came with. */
  readonly messages: readonly DeliveredMail[];
  /** Resolves with the first delivered message to `to` (waiting up to `timeoutMs`). */
  readonly waitFor: (to: string, timeoutMs?: number) => Promise<DeliveredMail>;
  readonly stop: () => Promise<void>;
}

export interface DeliveredMail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly parsed: ParsedMail;
  /** The message as it crossed the wire. */
  readonly raw: string;
}

const readAll = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

/** Starts the server on a port the OS picks (0), plain SMTP without authentication. */
export const startSmtpServer = async (): Promise<TestSmtpServer> => {
  const messages: DeliveredMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          messages.push({ envelope, parsed: await simpleParser(raw), raw: raw.toString('utf8') });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const waitFor = async (to: string, timeoutMs = 5_000): Promise<DeliveredMail> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((m) => m.envelope.to.includes(to));
      if (found) return found;
      if (Date.now() > end) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
