import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { configFromEnv } from '../../src/adapters/config/config';
import { TOKENS } from '../../src/adapters/tokens';
import { buildContainer } from '../../src/composition-root';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp';

describe('password reset through a real SMTP server, wired by the composition root', () => {
  let smtp: TestSmtpServer;
  let http: Express;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = configFromEnv({
      STORAGE: 'memory',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Boards <boards@example.com>',
      PUBLIC_URL: 'https://boards.example.com/',
    });
    http = buildContainer({
      config,
      jwtSecret: 'smtp-test-secret-that-is-32-chars-long',
      logger: pino({ level: 'silent' }),
    }).get(TOKENS.HttpApp);
  });
  afterAll(() => smtp.stop());

  it('the delivered message carries a PUBLIC_URL link whose token sets the new password', async () => {
    const email = 'reset-me@example.com';
    await request(http).post('/api/auth/signup').send({ email, password: 'the old passphrase', name: 'Reset Me' });
    expect((await request(http).post('/api/auth/password-reset').send({ email })).status).toBe(202);

    const delivered = await smtp.waitFor(email);
    expect(delivered.envelope.from).toBe('boards@example.com');
    expect(delivered.parsed.subject).toBe('Reset your Boardroom password');
    const link = delivered.parsed.text?.match(/https:\/\/boards\.example\.com\/reset-password\?token=\S+/)?.[0];
    expect(link).toBeDefined();
    const token = new URL(link!).searchParams.get('token')!;

    const confirm = await request(http)
      .post('/api/auth/password-reset/confirm')
      .send({ token, newPassword: 'the new passphrase' });
    expect(confirm.status).toBe(204);
    const login = await request(http).post('/api/auth/login').send({ email, password: 'the new passphrase' });
    expect(login.status).toBe(200);
  });
});
