import { asUuid, mentionToken, type Notification, type NotificationPreference } from '../../../src/domain';
import { mailBatchOf } from '../../../src/application/notifications/mail/batching';
import { composeNotificationMail } from '../../../src/application/notifications/mail/compose';

const id = (n: number) => asUuid(`018f6f2e-1b2c-7d3e-8f40-${String(n).padStart(12, '0')}`);
const TEAM = id(1);
const BOARD = id(2);
const CARD = id(3);
const ADA = id(4);

const note = (over: Partial<Notification> = {}): Notification => ({
  id: `n-${Math.random()}`,
  userId: id(9),
  kind: 'comment',
  key: 'comment:x',
  teamId: TEAM,
  boardId: BOARD,
  cardId: CARD,
  actor: { id: ADA, name: 'Ada' },
  title: 'Fix login',
  boardTitle: 'Roadmap',
  excerpt: 'Looks good',
  at: '2025-05-01T10:00:00.000Z',
  readAt: null,
  ...over,
});

const ctx = {
  to: 'bob@example.com',
  publicUrl: 'https://board.example.com',
  digest: 'immediately' as const,
  nameOf: (u: string) => (u === ADA ? 'Ada Lovelace' : undefined),
  unsubscribeUrl: (k: NotificationPreference) => `https://board.example.com/api/unsubscribe?token=${k}-token`,
  unsubscribeAllUrl: 'https://board.example.com/api/unsubscribe?token=all-kinds-token',
};

describe('notification e-mails', () => {
  it('one notification: a subject naming what happened, text and HTML with the card link, one-click headers', () => {
    const mail = composeNotificationMail([note()], ctx);
    const link = `https://board.example.com/app/teams/${TEAM}/boards/${BOARD}?card=${CARD}`;
    expect(mail.subject).toBe('Ada commented on “Fix login”');
    expect(mail.text).toContain(`Open: ${link}`);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('Stop e-mails about comments on cards you are assigned to or watch: ');
    expect(mail.headers).toEqual({
      'List-Unsubscribe': '<https://board.example.com/api/unsubscribe?token=all-kinds-token>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('each kind has its own sentence; an invitation links to the app', () => {
    const subjects = (['assigned', 'mentioned', 'due_soon', 'overdue'] as const).map(
      (kind) => composeNotificationMail([note({ kind })], ctx).subject,
    );
    expect(subjects).toEqual([
      'Ada assigned you to “Fix login”',
      'Ada mentioned you on “Fix login”',
      '“Fix login” is due within 24 hours',
      '“Fix login” is overdue',
    ]);
    const invite = composeNotificationMail(
      [note({ kind: 'invited', title: 'Acme', boardId: null, cardId: null })],
      ctx,
    );
    expect(invite.subject).toBe('Ada invited you to the team “Acme”');
    expect(invite.text).toContain('Open: https://board.example.com/app\r\n');
  });

  it('several notifications on a card are one message with a line each and an unsubscribe link per kind', () => {
    const mail = composeNotificationMail([note(), note({ kind: 'mentioned', excerpt: 'ping' }), note()], ctx);
    expect(mail.subject).toBe('3 updates on “Fix login”');
    expect(mail.text.match(/Open: /g)).toHaveLength(3);
    expect(mail.text).toContain('token=comment-token');
    expect(mail.text).toContain('token=mentioned-token');
    expect(mail.html?.match(/Stop e-mails about/g)).toHaveLength(2);
  });

  it('a digest says so in its subject', () => {
    expect(composeNotificationMail([note(), note({ cardId: id(7) })], { ...ctx, digest: 'daily' }).subject).toBe(
      'Your daily Boardroom digest: 2 notifications',
    );
  });

  it('mentions read as @name, and everything user-written is escaped in the HTML part', () => {
    const mail = composeNotificationMail(
      [
        note({
          title: '<script>alert(1)</script>',
          actor: { id: ADA, name: 'Eve <img src=x onerror=alert(1)>' },
          boardTitle: 'B & "Q"',
          excerpt: `hi ${mentionToken(ADA)} and ${mentionToken(id(8))} <b>bold</b>`,
        }),
      ],
      ctx,
    );
    expect(mail.text).toContain('"hi @Ada Lovelace and @unknown <b>bold</b>"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('B &amp; &quot;Q&quot;');
    expect(mail.html).toContain('hi @Ada Lovelace');
  });

  it('a title with line breaks cannot add header lines to the subject', () => {
    expect(composeNotificationMail([note({ title: 'a\r\nBcc: x@example.com' })], ctx).subject).toBe(
      'Ada commented on “a Bcc: x@example.com”',
    );
  });

  it('batches: per card after the window when immediate, at the next hour or midnight (UTC) for digests', () => {
    const now = new Date('2025-05-01T10:20:30.000Z');
    expect(mailBatchOf(note(), 'immediately', 60_000, now)).toEqual({
      batchKey: `card:${CARD}`,
      dueAt: new Date('2025-05-01T10:21:30.000Z'),
    });
    const invite = note({ id: 'n-1', cardId: null, boardId: null });
    expect(mailBatchOf(invite, 'immediately', 60_000, now).batchKey).toBe('one:n-1');
    expect(mailBatchOf(note(), 'hourly', 60_000, now)).toEqual({
      batchKey: 'digest:hourly',
      dueAt: new Date('2025-05-01T11:00:00.000Z'),
    });
    expect(mailBatchOf(note(), 'daily', 60_000, now)).toEqual({
      batchKey: 'digest:daily',
      dueAt: new Date('2025-05-02T00:00:00.000Z'),
    });
  });
});
