import {
  excerptOf,
  mayNotify,
  mentionToken,
  NOTIFICATION_EXCERPT_CHARS,
  notificationsFor,
  type BoardEventRecord,
  type Card,
  type NotificationContext,
  type Uuid,
  type UserId,
} from '../../../src/domain';

const id = (n: number) => `0190a0b2-0000-7000-8000-${String(n).padStart(12, '0')}` as Uuid;
const [ann, bob, cid, dan, eve, outsider] = [1, 2, 3, 4, 5, 6].map(id) as [
  UserId,
  UserId,
  UserId,
  UserId,
  UserId,
  UserId,
];
const teamId = id(100);
const boardId = id(101);
const cardId = id(102);
const commentId = id(103);
const at = '2026-12-02T10:00:00.000Z';

const envelope = { teamId, boardId, seq: 7, actor: ann, origin: null, at };
const ctx = (over: Partial<NotificationContext> = {}): NotificationContext => ({
  boardTitle: 'Roadmap',
  assignees: [],
  boardWatchers: [],
  cardWatchers: [],
  members: new Set([ann, bob, cid, dan, eve]),
  actor: { id: ann, name: 'Ann' },
  ...over,
});

const assigned = (userId: UserId, actor = ann): BoardEventRecord => ({
  ...envelope,
  actor,
  kind: 'card.member.added',
  data: { cardId, title: 'Ship it', userId },
});
const commented = (body: string, authorId = ann): BoardEventRecord => ({
  ...envelope,
  actor: authorId,
  kind: 'comment.created',
  data: {
    cardTitle: 'Ship it',
    comment: { id: commentId, teamId, boardId, cardId, authorId, body, createdAt: at, editedAt: null },
  },
});
const edited = (body: string): BoardEventRecord => ({
  ...envelope,
  kind: 'comment.updated',
  data: { commentId, cardId, cardTitle: 'Ship it', body, editedAt: at },
});
const described = (description: string): BoardEventRecord => ({
  ...envelope,
  kind: 'card.updated',
  data: { cardId, changes: { description }, title: 'Ship it', updatedAt: at },
});
const created = (description: string): BoardEventRecord => ({
  ...envelope,
  kind: 'card.created',
  data: { listTitle: 'Doing', card: { id: cardId, title: 'Ship it', description } as Card },
});

const who = (items: readonly { userId: string; kind: string; key: string }[]) =>
  items.map((n) => `${n.kind}:${n.userId}:${n.key}`);

describe('deriving notifications from a committed board event', () => {
  it('tells a person added to a card that they were assigned, keyed by card and event seq', () => {
    const [n, ...rest] = notificationsFor(assigned(bob), ctx());
    expect(rest).toEqual([]);
    expect(n).toEqual({
      userId: bob,
      kind: 'assigned',
      key: `assigned:${cardId}:7`,
      teamId,
      boardId,
      cardId,
      actor: { id: ann, name: 'Ann' },
      title: 'Ship it',
      boardTitle: 'Roadmap',
      excerpt: null,
      at,
    });
  });

  it('does not tell someone who assigned themselves', () => {
    expect(notificationsFor(assigned(ann, ann), ctx())).toEqual([]);
  });

  it('never notifies someone who is not a member of the team now', () => {
    expect(notificationsFor(assigned(outsider), ctx())).toEqual([]);
    const body = `hey ${mentionToken(outsider)}`;
    const items = notificationsFor(commented(body), ctx({ assignees: [outsider], boardWatchers: [outsider] }));
    expect(items).toEqual([]);
  });

  it('tells each mentioned member of a comment once, but not its author', () => {
    const body = `${mentionToken(bob)} and ${mentionToken(cid)} and ${mentionToken(bob)} and me ${mentionToken(ann)}`;
    expect(who(notificationsFor(commented(body), ctx()))).toEqual([
      `mentioned:${bob}:mentioned:comment:${commentId}`,
      `mentioned:${cid}:mentioned:comment:${commentId}`,
    ]);
  });

  it("tells the card's assignees and card and board watchers of a comment, each once", () => {
    const items = notificationsFor(
      commented('looks good'),
      ctx({ assignees: [bob, cid], cardWatchers: [cid, dan], boardWatchers: [dan, eve] }),
    );
    expect(who(items)).toEqual([bob, cid, dan, eve].map((u) => `comment:${u}:comment:${commentId}`));
    expect(items[0]).toMatchObject({ excerpt: 'looks good', title: 'Ship it', boardTitle: 'Roadmap' });
  });

  it('does not tell the author of a comment about their own comment', () => {
    const items = notificationsFor(
      commented('done'),
      ctx({ assignees: [ann], cardWatchers: [ann], boardWatchers: [ann] }),
    );
    expect(items).toEqual([]);
  });

  it('does not also send `comment` to people the comment mentions', () => {
    const body = `${mentionToken(bob)} please check`;
    const items = notificationsFor(commented(body), ctx({ assignees: [bob, cid] }));
    expect(who(items)).toEqual([
      `mentioned:${bob}:mentioned:comment:${commentId}`,
      `comment:${cid}:comment:${commentId}`,
    ]);
  });

  it('tells the mentioned people of an edited comment under the same key, and nobody else', () => {
    const items = notificationsFor(edited(`now ${mentionToken(dan)}`), ctx({ assignees: [bob], boardWatchers: [cid] }));
    expect(who(items)).toEqual([`mentioned:${dan}:mentioned:comment:${commentId}`]);
  });

  it('tells people mentioned in a card description, keyed once per person per card', () => {
    const text = `for ${mentionToken(bob)} and ${mentionToken(ann)}`;
    expect(who(notificationsFor(described(text), ctx()))).toEqual([`mentioned:${bob}:mentioned:card:${cardId}`]);
    expect(who(notificationsFor(created(text), ctx()))).toEqual([`mentioned:${bob}:mentioned:card:${cardId}`]);
  });

  it('makes nothing of a card update that leaves the description alone', () => {
    const record: BoardEventRecord = {
      ...envelope,
      kind: 'card.updated',
      data: { cardId, changes: { title: 'New' }, title: 'New', updatedAt: at },
    };
    expect(notificationsFor(record, ctx())).toEqual([]);
    expect(mayNotify(record)).toBe(false);
  });

  it('lets only the kinds that can notify into the outbox', () => {
    expect(mayNotify(assigned(bob))).toBe(true);
    expect(mayNotify(commented('plain'))).toBe(true);
    expect(mayNotify(edited('plain'))).toBe(false);
    expect(mayNotify(edited(mentionToken(bob)))).toBe(true);
    expect(mayNotify(described(mentionToken(bob)))).toBe(true);
    expect(mayNotify(created('no mention'))).toBe(false);
  });

  it('keeps excerpts short without cutting a mention in half', () => {
    const long = `${'x'.repeat(NOTIFICATION_EXCERPT_CHARS - 10)} ${mentionToken(bob)} tail`;
    const excerpt = excerptOf(long);
    expect(excerpt.length).toBeLessThanOrEqual(NOTIFICATION_EXCERPT_CHARS + 1);
    expect(excerpt).not.toContain('<@');
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerptOf('short')).toBe('short');
  });
});
