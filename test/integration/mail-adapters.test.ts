import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { configFromEnv } from '../../src/adapters/config/config';
import { OutboxMailer } from '../../src/adapters/mail/outbox.mailer';
import { mailerFromConfig } from '../../src/adapters/mail/select';
import { SmtpMailer } from '../../src/adapters/mail/smtp.mailer';
import type { OutboundMail } from '../../src/application/ports';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp';

const logger = pino({ level: 'silent' });
const FROM = 'Boardroom <boardroom@example.com>';

const resetMail: OutboundMail = {
  to: 'dana@example.com',
  subject: 'Reset your Boardroom password',
  text: 'Open this link within 30 minutes:\nhttps://board.example.com/reset-password?token=abc_DEF-123\n',
  html: '<p>Open <a href="https://board.example.com/reset-password?token=abc_DEF-123">this link</a>.</p>',
  headers: { 'X-Boardroom-Kind': 'password-reset' },
};

describe('the SMTP mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.stop());

  it('delivers a message to a real SMTP server with its text, HTML alternative, sender and headers', async () => {
    const mailer = new SmtpMailer({ url: smtp.url, from: FROM, logger });
    expect(await mailer.send(resetMail)()).toEqual(E.right(undefined));

    const delivered = await smtp.waitFor('dana@example.com');
    expect(delivered.envelope).toEqual({ from: 'boardroom@example.com', to: ['dana@example.com'] });
    expect(delivered.parsed.subject).toBe('Reset your Boardroom password');
    expect(delivered.parsed.from?.value).toEqual([{ name: 'Boardroom', address: 'boardroom@example.com' }]);
    expect(delivered.parsed.text).toContain('https://board.example.com/reset-password?token=abc_DEF-123');
    expect(delivered.parsed.html).toContain('href="https://board.example.com/reset-password?token=abc_DEF-123"');
    expect(delivered.parsed.headers.get('x-boardroom-kind')).toBe('password-reset');
  });

  it('answers unavailable, without throwing, when no mail server listens', async () => {
    const gone = await startSmtpServer();
    await gone.stop();
    const mailer = new SmtpMailer({ url: gone.url, from: FROM, logger });
    const result = await mailer.send(resetMail)();
    expect(result).toEqual(E.left(expect.objectContaining({ kind: 'unavailable' })));
  });

  it('is chosen when SMTP_URL is set', () => {
    const config = configFromEnv({ STORAGE: 'memory', SMTP_URL: smtp.url });
    expect(mailerFromConfig(config, logger)).toBeInstanceOf(SmtpMailer);
  });
});

describe('the outbox mailer', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'br-outbox-')), 'outbox');

  it('writes each message as an .eml file with CRLF line ends that parses back with its plain-text part', async () => {
    const outbox = dir();
    const mailer = new OutboxMailer({ dir: outbox, from: FROM, logger });
    await mailer.send(resetMail)();
    await mailer.send({ to: 'erin@example.com', subject: 'Second', text: 'Plain only' })();

    const files = readdirSync(outbox).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
    const raw = readFileSync(join(outbox, files[0]!), 'utf8');
    expect(raw).toMatch(/\r\n\r\n/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const first = await simpleParser(raw);
    expect(first.to).toMatchObject({ text: 'dana@example.com' });
    expect(first.from?.value).toEqual([{ name: 'Boardroom', address: 'boardroom@example.com' }]);
    expect(first.text).toContain('reset-password?token=abc_DEF-123');
    const second = await simpleParser(readFileSync(join(outbox, files[1]!)));
    expect(second.subject).toBe('Second');
    expect(second.text?.trim()).toBe('Plain only');
  });

  it('is the default, writing under DATA_DIR/outbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'br-data-'));
    const mailer = mailerFromConfig(configFromEnv({ STORAGE: 'memory', DATA_DIR: dataDir }), logger);
    expect(mailer).toBeInstanceOf(OutboxMailer);
    await mailer.send(resetMail)();
    expect(readdirSync(join(dataDir, 'outbox'))).toHaveLength(1);
  });

  it('answers unavailable when the outbox cannot be written', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'br-blocked-')), 'file');
    writeFileSync(blocked, 'not a folder');
    const mailer = new OutboxMailer({ dir: join(blocked, 'outbox'), from: FROM, logger });
    expect(await mailer.send(resetMail)()).toEqual(E.left(expect.objectContaining({ kind: 'unavailable' })));
  });
});
