import {
  asUuid,
  mentionToken,
  type DigestMode,
  type Notification,
  type NotificationPreference,
} from '../../../src/domain';
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
    const inUtc = (digest: DigestMode) => ({ digest, timeZone: 'UTC' });
    expect(mailBatchOf(note(), inUtc('immediately'), 60_000, now)).toEqual({
      batchKey: `card:${CARD}`,
      dueAt: new Date('2025-05-01T10:21:30.000Z'),
    });
    const invite = note({ id: 'n-1', cardId: null, boardId: null });
    expect(mailBatchOf(invite, inUtc('immediately'), 60_000, now).batchKey).toBe('one:n-1');
    expect(mailBatchOf(note(), inUtc('hourly'), 60_000, now)).toEqual({
      batchKey: 'digest:hourly',
      dueAt: new Date('2025-05-01T11:00:00.000Z'),
    });
    expect(mailBatchOf(note(), inUtc('daily'), 60_000, now)).toEqual({
      batchKey: 'digest:daily',
      dueAt: new Date('2025-05-02T00:00:00.000Z'),
    });
  });

  it("digests fall on the hours and midnights of the person's time zone, daylight saving included", () => {
    const dueAt = (digest: DigestMode, timeZone: string, now: string) =>
      mailBatchOf(note(), { digest, timeZone }, 60_000, new Date(now)).dueAt.toISOString();
    // 01:00 in Los Angeles (PST): the digest goes at the coming local midnight, 08:00 UTC.
    expect(dueAt('daily', 'America/Los_Angeles', '2025-01-15T09:00:00.000Z')).toBe('2025-01-16T08:00:00.000Z');
    // India is UTC+5:30: its hours start at half past UTC's.
    expect(dueAt('hourly', 'Asia/Kolkata', '2025-01-15T09:00:00.000Z')).toBe('2025-01-15T09:30:00.000Z');
    expect(dueAt('daily', 'Asia/Kolkata', '2025-01-15T09:00:00.000Z')).toBe('2025-01-15T18:30:00.000Z');
    // The night New York springs forward is 23 hours long; the next midnight is in summer time (UTC-4).
    expect(dueAt('daily', 'America/New_York', '2025-03-08T09:00:00.000Z')).toBe('2025-03-09T05:00:00.000Z');
    expect(dueAt('daily', 'America/New_York', '2025-03-09T09:00:00.000Z')).toBe('2025-03-10T04:00:00.000Z');
    // Berlin skips 02:00-03:00 in March and repeats 02:00-03:00 in October: each new wall hour counts.
    expect(dueAt('hourly', 'Europe/Berlin', '2025-03-30T00:30:00.000Z')).toBe('2025-03-30T01:00:00.000Z');
    expect(dueAt('hourly', 'Europe/Berlin', '2025-10-26T00:30:00.000Z')).toBe('2025-10-26T01:00:00.000Z');
    expect(dueAt('hourly', 'Europe/Berlin', '2025-10-26T01:30:00.000Z')).toBe('2025-10-26T02:00:00.000Z');
    // Santiago's midnight of 7 September 2025 does not exist (clocks go to 01:00): the day starts then.
    expect(dueAt('daily', 'America/Santiago', '2025-09-06T10:00:00.000Z')).toBe('2025-09-07T04:00:00.000Z');
  });
});
