import type { Pool } from 'pg';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp } from '../../src/adapters/http/app';
import { SmtpMailer } from '../../src/adapters/mail/smtp.mailer';
import { makePgMailQueue } from '../../src/adapters/pg/mail-queue';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { makePgUserRepository } from '../../src/adapters/pg/user.repository';
import { JoseUnsubscribeTokens } from '../../src/adapters/security/jose.unsubscribe-tokens';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7.ids';
import { makeApplication } from '../../src/application/make-application';
import { mailQueueListener } from '../../src/application/notifications/mail/mail-listener';
import { KEEP_SENT_MS, PRUNE_EVERY_MS, sendDueMail } from '../../src/application/notifications/mail/send-due-mail';
import type { NotificationListener } from '../../src/application/ports';
import { applySettingsPatch, type Notification, type User } from '../../src/domain';
import { aNotification } from '../contract/mail-queue.contract';
import { newId, ok } from '../contract/fixtures';
import { aUser } from '../contract/user-repository.contract';
import { createTestDatabase, type TestDatabase } from '../harness/database';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp';
import { ManualClock } from '../support/manual-clock';
import { buildMemoryApp } from '../support/memory-app';
import { eventually } from '../support/wait';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';
const PUBLIC_URL = 'https://board.example.com';
const silent = pino({ level: 'silent' });

/** The header block of a raw message, long headers unfolded. */
const headersOf = (raw: string): string => `\r\n${raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ')}\r\n`;
const unsubscribeUrlOf = (raw: string): string => /\r\nList-Unsubscribe: +<([^>]+)>/.exec(headersOf(raw))?.[1] ?? '';

describe('notification e-mail through a real SMTP server, two sender instances on one catalog', () => {
  let db: TestDatabase;
  let pools: Pool[];
  let smtp: TestSmtpServer;
  const clock = new ManualClock(new Date('2025-06-01T12:00:00.000Z'));
  const tokens = new JoseUnsubscribeTokens(SECRET);

  /** One instance: its own pool, mailer and sender over the shared catalog. */
  const instance = (pool: Pool) => {
    const users = makePgUserRepository(pool);
    const queue = makePgMailQueue(pool);
    const deps = { users, queue, clock, tokens, ids: new UuidV7Ids(), publicUrl: PUBLIC_URL };
    return {
      users,
      listener: mailQueueListener({ ...deps, batchWindowMs: 60_000 }),
      send: sendDueMail({
        ...deps,
        mailer: new SmtpMailer({ url: smtp.url, from: 'Boardroom <boardroom@example.com>', logger: silent }),
        batchLimit: 50,
        leaseMs: 60_000,
        retryMs: 60_000,
      }),
    };
  };
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;

  beforeAll(async () => {
    db = await createTestDatabase('notification_mail');
    pools = [createPool(db.url), createPool(db.url)];
    await migrate(pools[0]!, 'catalog');
    smtp = await startSmtpServer();
    [a, b] = pools.map(instance) as [ReturnType<typeof instance>, ReturnType<typeof instance>];
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
    await smtp.stop();
  });

  const person = async (): Promise<User> => ok(a.users.create(aUser('Bob', `bob.${newId()}@example.com`), 'h'));
  const hear = (listener: NotificationListener, ...items: Notification[]) =>
    ok(listener(items.map((notification) => ({ notification, created: true }))));
  const mailTo = (u: User) => smtp.messages.filter((m) => m.envelope.to.includes(u.email));
  const roundOfBoth = () => Promise.all([a.send(), b.send()]);
  /** The HTTP app that answers unsubscribe links, over instance a's users. */
  const unsubscribeApp = () =>
    createHttpApp(makeApplication({ ...buildMemoryApp({ jwtSecret: SECRET }).deps, users: a.users }), {
      allowedOrigins: [],
      cookieSecure: false,
      logger: silent,
    });
  /** Posts the one-click form to an unsubscribe link; answers the person's e-mail settings after it. */
  const oneClick = async (http: ReturnType<typeof unsubscribeApp>, url: URL, userId: User['id']) => {
    const res = await request(http)
      .post(`${url.pathname}${url.search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    const after = await ok(a.users.findById(userId));
    return after._tag === 'Some' ? after.value.settings.email : null;
  };

  it('a notification becomes one multipart message with a link and one-click unsubscribe headers', async () => {
    const bob = await person();
    const n = aNotification(bob.id);
    await hear(a.listener, n);
    await roundOfBoth();
    expect(mailTo(bob)).toHaveLength(0);
    clock.advance(60_000);
    await roundOfBoth();
    const [mail] = mailTo(bob);
    expect(mailTo(bob)).toHaveLength(1);
    expect(mail!.parsed.subject).toBe('Ada commented on “Fix the login page”');
    expect(mail!.parsed.text).toContain(`${PUBLIC_URL}/app/teams/${n.teamId}/boards/${n.boardId}?card=${n.cardId}`);
    expect(mail!.parsed.html).toContain('Open in Boardroom');
    expect(mail!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(headersOf(mail!.raw)).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    expect(unsubscribeUrlOf(mail!.raw)).toMatch(/^https:\/\/board\.example\.com\/api\/unsubscribe\?token=[\w.-]+$/);
  });

  it('several notifications on one card within the window are one message; hearing one again sends nothing more', async () => {
    const bob = await person();
    const card = newId();
    const first = aNotification(bob.id, card);
    await hear(a.listener, first);
    clock.advance(20_000);
    await hear(b.listener, aNotification(bob.id, card, { kind: 'mentioned', excerpt: 'hey' }), first);
    clock.advance(20_000);
    await hear(a.listener, aNotification(bob.id, card));
    clock.advance(20_000);
    await roundOfBoth();
    expect(mailTo(bob)).toHaveLength(1);
    expect(mailTo(bob)[0]!.parsed.subject).toBe('3 updates on “Fix the login page”');
    await hear(a.listener, first);
    clock.advance(120_000);
    await roundOfBoth();
    expect(mailTo(bob)).toHaveLength(1);
  });

  it('a person who turned a kind off receives nothing of it, also when they turned it off after it was queued', async () => {
    const bob = await person();
    await ok(a.users.updateSettings(bob.id, applySettingsPatch(bob.settings, { email: { comment: false } })));
    await hear(a.listener, aNotification(bob.id));
    const carol = await person();
    await hear(a.listener, aNotification(carol.id));
    await ok(a.users.updateSettings(carol.id, applySettingsPatch(carol.settings, { email: { comment: false } })));
    clock.advance(60_000);
    await roundOfBoth();
    clock.advance(600_000);
    await roundOfBoth();
    expect(mailTo(bob)).toEqual([]);
    expect(mailTo(carol)).toEqual([]);
  });

  it('two senders claiming at once never send one batch twice', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, person));
    for (const p of people) await hear(a.listener, aNotification(p.id), aNotification(p.id));
    clock.advance(60_000);
    await Promise.all([roundOfBoth(), roundOfBoth()]);
    await eventually(() => expect(people.every((p) => mailTo(p).length === 2)).toBe(true));
    for (const p of people) expect(mailTo(p)).toHaveLength(2);
    await roundOfBoth();
    expect(people.map((p) => mailTo(p).length)).toEqual(people.map(() => 2));
  });

  it("the message's one-click link turns that kind off without signing in; a forged token is refused", async () => {
    const bob = await person();
    await hear(a.listener, aNotification(bob.id, newId(), { kind: 'assigned' }));
    clock.advance(60_000);
    await roundOfBoth();
    const url = new URL(unsubscribeUrlOf(mailTo(bob)[0]!.raw));
    const http = unsubscribeApp();
    const forged = await request(http).post(`${url.pathname}?token=${url.searchParams.get('token')}x`);
    expect(forged.status).toBe(400);
    const after = await oneClick(http, url, bob.id);
    expect(after).toEqual({
      assigned: false,
      mentioned: true,
      comment: true,
      due: true,
      invited: true,
    });
  });

  it('one click on the header of a message with several kinds turns off every kind in it, and only those', async () => {
    const bob = await person();
    const card = newId();
    await hear(a.listener, aNotification(bob.id, card, { kind: 'comment' }));
    await hear(a.listener, aNotification(bob.id, card, { kind: 'mentioned', excerpt: 'hey' }));
    clock.advance(60_000);
    await roundOfBoth();
    const [mail] = mailTo(bob);
    expect(headersOf(mail!.raw)).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    const url = new URL(unsubscribeUrlOf(mail!.raw));
    const http = unsubscribeApp();
    const page = await request(http).get(`${url.pathname}${url.search}`);
    expect(page.text).toMatch(/Stop e-mails about .+ and .+\?/);
    const after = await oneClick(http, url, bob.id);
    expect(after).toEqual({
      assigned: true,
      mentioned: false,
      comment: false,
      due: true,
      invited: true,
    });
  });

  // Last in the file: it moves the shared clock a month on.
  it('the senders forget items sent more than 30 days ago, and keep newer and unsent ones', async () => {
    const bob = await person();
    const [old, recent, later] = [aNotification(bob.id), aNotification(bob.id), aNotification(bob.id)];
    const rowsOf = async (ns: Notification[]) =>
      (
        await pools[0]!.query<{ id: string }>(
          'SELECT notification_id AS id FROM mail_queue WHERE notification_id = ANY($1::text[]) ORDER BY enqueued_at',
          [ns.map((n) => n.id)],
        )
      ).rows.map((r) => r.id);
    await hear(a.listener, old);
    clock.advance(60_000);
    await roundOfBoth();
    clock.advance(KEEP_SENT_MS - 3_600_000);
    await hear(a.listener, recent);
    clock.advance(60_000);
    await roundOfBoth();
    expect(await rowsOf([old, recent])).toEqual([old.id, recent.id]);

    clock.advance(PRUNE_EVERY_MS + 60_000);
    // Queued, not due yet (its 60 s window): unsent when the senders prune.
    await hear(b.listener, later);
    await roundOfBoth();

    expect(await rowsOf([old, recent, later])).toEqual([recent.id, later.id]);
    expect(mailTo(bob)).toHaveLength(2);
  });
});
