import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { eventually } from './harness';

/** The messages the server wrote to DATA_DIR/outbox (the default mail adapter), oldest first. */
export const outboxMessages = async (dataDir: string): Promise<ParsedMail[]> => {
  const dir = path.join(dataDir, 'outbox');
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  } catch {
    return [];
  }
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
};

/** Waits for a message to `to` whose subject matches, and answers the first link in its text matching `link`. */
export const linkFromMail = async (dataDir: string, to: string, subject: RegExp, link: RegExp): Promise<string> => {
  let found: string | undefined;
  await eventually(async () => {
    const mails = await outboxMessages(dataDir);
    const mail = mails.reverse().find((m) => subject.test(m.subject ?? '') && (m.to as { text?: string })?.text === to);
    found = mail?.text?.match(link)?.[0];
    if (found === undefined) throw new Error(`no mail to ${to} matching ${subject}`);
  });
  return found!;
};
