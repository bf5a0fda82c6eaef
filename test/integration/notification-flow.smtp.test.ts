import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { configFromEnv } from '../../src/adapters/config/config';
import { mentionToken, type UserId } from '../../src/domain';
import { startServer, type RunningServer } from '../../src/server';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp';
import { eventually } from '../support/wait';

// A whole instance as `npm start` runs it (memory storage), so the path under test is the wired one:
// committed event → outbox → notification → e-mail queue → sender → SMTP.
jest.setTimeout(60_000);

interface Person {
  readonly id: string;
  readonly email: string;
  readonly auth: { Authorization: string };
}

describe('a board change reaches the people it concerns by e-mail, through the running server', () => {
  let smtp: TestSmtpServer;
  let server: RunningServer;
  let api: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = configFromEnv({
      STORAGE: 'memory',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Boards <boards@example.com>',
      PUBLIC_URL: 'https://boards.example.com',
      NOTIFY_BATCH_SECONDS: '0',
      MAIL_SEND_INTERVAL_MS: '100',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'br-notify-flow-')),
    });
    server = await startServer({ config, logger: pino({ level: 'silent' }), port: 0 });
    api = server.url;
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const signUp = async (name: string): Promise<Person> => {
    const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await request(api).post('/api/auth/signup').send({ email, password: 'a long passphrase', name });
    expect(res.status).toBe(201);
    return { id: res.body.user.id, email, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  };

  /** Alice's team with Bob as an accepted member, a board, a list and a card. */
  const teamWithCard = async (alice: Person, bob: Person) => {
    const team = await request(api).post('/api/teams').set(alice.auth).send({ name: 'Ops' });
    const teamId = team.body.team.id as string;
    await request(api)
      .post(`/api/teams/${teamId}/invitations`)
      .set(alice.auth)
      .send({ email: bob.email, role: 'member' });
    const mine = await request(api).get('/api/me/invitations').set(bob.auth);
    const invitation = (mine.body.invitations as { id: string }[])[0]!;
    expect((await request(api).post(`/api/me/invitations/${invitation.id}/accept`).set(bob.auth)).status).toBe(200);
    const board = await request(api).post(`/api/teams/${teamId}/boards`).set(alice.auth).send({ title: 'Launch' });
    const url = `/api/teams/${teamId}/boards/${board.body.board.id}`;
    const list = await request(api).post(`${url}/lists`).set(alice.auth).send({ title: 'Doing' });
    const card = await request(api)
      .post(`${url}/cards`)
      .set(alice.auth)
      .send({ listId: list.body.list.id, title: 'Ship v2' });
    return { url, cardId: card.body.card.id as string };
  };

  it('assigning and mentioning Bob e-mails him with a link to the card and a one-click unsubscribe', async () => {
    const [alice, bob] = [await signUp('Alice'), await signUp('Bob')];
    const { url, cardId } = await teamWithCard(alice, bob);
    expect(
      (await request(api).post(`${url}/cards/${cardId}/members`).set(alice.auth).send({ userId: bob.id })).status,
    ).toBe(200);

    const toBobAboutCard = () =>
      smtp.messages.filter((m) => m.envelope.to.includes(bob.email) && /Ship v2/.test(m.parsed.text ?? ''));
    await eventually(() => expect(toBobAboutCard().length).toBeGreaterThan(0), 30_000);
    const assigned = toBobAboutCard()[0]!;
    expect(assigned.parsed.text).toContain(`https://boards.example.com/app${url.replace('/api', '')}?card=${cardId}`);
    expect(assigned.parsed.html).toBeTruthy();
    expect(assigned.raw.replace(/\r\n[ \t]+/g, ' ')).toMatch(
      /(^|\r\n)List-Unsubscribe: <https:\/\/boards\.example\.com\/api\/unsubscribe\?token=/,
    );
    expect(assigned.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const body = `${mentionToken(bob.id as UserId)} can you take this?`;
    expect((await request(api).post(`${url}/cards/${cardId}/comments`).set(alice.auth).send({ body })).status).toBe(
      201,
    );
    await eventually(async () => {
      const mentioned = smtp.messages.filter(
        (m) => m.envelope.to.includes(bob.email) && /@Bob can you take this/.test(m.parsed.text ?? ''),
      );
      expect(mentioned).toHaveLength(1);
    }, 30_000);
    expect(smtp.messages.some((m) => m.envelope.to.includes(alice.email) && /Ship v2/.test(m.parsed.text ?? ''))).toBe(
      false,
    );
  });

  it('a person who turned a kind off gets no e-mail of it, but still sees it in the inbox', async () => {
    const [alice, bob] = [await signUp('Alice'), await signUp('Bob')];
    const off = await request(api)
      .patch('/api/me/settings')
      .set(bob.auth)
      .send({ email: { assigned: false } });
    expect(off.status).toBe(200);
    const { url, cardId } = await teamWithCard(alice, bob);
    expect(
      (await request(api).post(`${url}/cards/${cardId}/members`).set(alice.auth).send({ userId: bob.id })).status,
    ).toBe(200);
    await eventually(async () => {
      const inbox = await request(api).get('/api/me/notifications').set(bob.auth);
      expect((inbox.body.notifications as { kind: string }[]).map((n) => n.kind)).toContain('assigned');
    }, 30_000);
    // The sender runs every 100 ms with no batch window: give it a good number of rounds.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      smtp.messages.filter((m) => m.envelope.to.includes(bob.email) && /Ship v2/.test(m.parsed.text ?? '')),
    ).toEqual([]);
  });
});
