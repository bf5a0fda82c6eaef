import type { Express } from 'express';
import request from 'supertest';
import { mentionToken, type UserId } from '../../src/domain';
import { eventually } from '../support/wait';
import {
  addMember,
  bearer,
  createBoard,
  createCard,
  createList,
  createTeam,
  expectError,
  invite,
  seedBoard,
  signUp,
  signUpAll,
  startServer,
  type TestUser,
} from './helpers';

// Notifications are made in the background from committed events: on Postgres, from the shards' outboxes.
jest.setTimeout(60_000);

const inbox = async (http: Express, user: TestUser, query = '') => {
  const res = await request(http).get(`/api/me/notifications${query}`).set(bearer(user));
  expect(res.status).toBe(200);
  return res.body as {
    notifications: { id: string; kind: string; key: string; title: string; cardId: string; excerpt: string }[];
    unread: number;
    nextCursor: string | null;
  };
};

/** The kinds in the inbox, leaving out the invitation that made the person a member. */
const kindsOf = async (http: Express, user: TestUser) =>
  (await inbox(http, user)).notifications.map((n) => n.kind).filter((k) => k !== 'invited');
const readAll = (http: Express, user: TestUser) =>
  request(http).post('/api/me/notifications/read').set(bearer(user)).send({ all: true });

describe('notifications API', () => {
  const { http } = startServer();
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let teamId: string;
  let url: string;
  let card: string;

  beforeEach(async () => {
    [alice, bob, carol] = await signUpAll(http, 'Alice', 'Bob', 'Carol');
    let listId: string;
    ({
      teamId,
      board: { url },
      listId,
    } = await seedBoard(http, alice, {
      members: [
        [bob, 'member'],
        [carol, 'viewer'],
      ],
    }));
    card = await createCard(http, alice, url, listId, 'Ship it');
    await Promise.all([readAll(http, bob), readAll(http, carol)]);
  });

  const assign = (by: TestUser, who: TestUser) =>
    request(http).post(`${url}/cards/${card}/members`).set(bearer(by)).send({ userId: who.id });
  const comment = (by: TestUser, body: string) =>
    request(http).post(`${url}/cards/${card}/comments`).set(bearer(by)).send({ body });

  it('tells a person they were assigned a card, but not someone who assigned themselves', async () => {
    expect((await assign(alice, bob)).status).toBe(200);
    expect((await assign(alice, alice)).status).toBe(200);
    await eventually(async () => expect(await kindsOf(http, bob)).toEqual(['assigned']));
    const [n] = (await inbox(http, bob)).notifications;
    expect(n).toMatchObject({ title: 'Ship it', cardId: card, boardTitle: 'Roadmap', actor: { id: alice.id } });
    expect(await kindsOf(http, alice)).toEqual([]);
  });

  it('tells mentioned people and the card’s assignees and watchers of a comment, never its author', async () => {
    await assign(alice, bob);
    expect((await request(http).put(`${url}/cards/${card}/watch`).set(bearer(carol))).status).toBe(204);
    await eventually(async () => expect(await kindsOf(http, bob)).toEqual(['assigned']));
    expect((await comment(alice, `please ${mentionToken(bob.id as UserId)}`)).status).toBe(201);
    expect(
      (await comment(bob, `done, ${mentionToken(carol.id as UserId)} and me ${mentionToken(bob.id as UserId)}`)).status,
    ).toBe(201);
    await eventually(async () => {
      expect(await kindsOf(http, bob)).toEqual(['mentioned', 'assigned']);
      expect(await kindsOf(http, carol)).toEqual(['mentioned', 'comment']);
      expect(await kindsOf(http, alice)).toEqual([]);
    });
  });

  it('pages newest first and marks chosen or all notifications read', async () => {
    for (let i = 0; i < 3; i++) await comment(alice, `${mentionToken(bob.id as UserId)} #${i}`);
    await eventually(async () => expect((await inbox(http, bob)).unread).toBe(3));
    const first = await inbox(http, bob, '?limit=2');
    expect(first.notifications.map((n) => n.excerpt)).toEqual([
      `${mentionToken(bob.id as UserId)} #2`,
      `${mentionToken(bob.id as UserId)} #1`,
    ]);
    const rest = await inbox(http, bob, `?limit=2&cursor=${first.nextCursor}`);
    expect(rest.notifications.map((n) => n.kind)).toEqual(['mentioned', 'invited']);
    expect(rest.nextCursor).toBeNull();
    const read = await request(http)
      .post('/api/me/notifications/read')
      .set(bearer(bob))
      .send({ ids: [first.notifications[0]!.id] });
    expect(read.body).toEqual({ unread: 2 });
    // Someone else's ids change nothing of theirs.
    expect(
      (
        await request(http)
          .post('/api/me/notifications/read')
          .set(bearer(carol))
          .send({ ids: [rest.notifications[0]!.id] })
      ).body,
    ).toEqual({ unread: 0 });
    expect((await readAll(http, bob)).body).toEqual({ unread: 0 });
  });

  it('shows a removed member nothing more of that team', async () => {
    await assign(alice, bob);
    await eventually(async () => expect((await inbox(http, bob)).unread).toBe(1));
    expect((await request(http).delete(`/api/teams/${teamId}/members/${bob.id}`).set(bearer(alice))).status).toBe(204);
    const after = await inbox(http, bob);
    expect(after.notifications.map((n) => n.kind)).toEqual(['invited']);
    expect(after.unread).toBe(0);
  });

  it('tells an existing account it was invited, once however often it is invited', async () => {
    const dave = await signUp(http, 'Dave');
    await invite(http, alice, teamId, dave.email, 'member');
    await invite(http, alice, teamId, dave.email, 'admin');
    const page = await inbox(http, dave);
    expect(page.notifications).toHaveLength(1);
    expect(page.notifications[0]).toMatchObject({ kind: 'invited', title: 'Acme', actor: { id: alice.id } });
  });

  it('refuses a bad cursor, limit or read body with 400', async () => {
    expectError(await request(http).get('/api/me/notifications?cursor=x').set(bearer(bob)), 400);
    expectError(await request(http).get('/api/me/notifications?limit=101').set(bearer(bob)), 400);
    for (const body of [{}, { ids: ['nope'] }, { all: false }, { ids: [], all: true }]) {
      expectError(await request(http).post('/api/me/notifications/read').set(bearer(bob)).send(body), 400);
    }
    expectError(await request(http).get('/api/me/notifications'), 401);
  });
});

describe('invited notifications', () => {
  const { http } = startServer();

  it('reads the invitation’s notification once the invitation is accepted or declined', async () => {
    const [alice, bob, carol] = [await signUp(http, 'Alice'), await signUp(http, 'Bob'), await signUp(http, 'Carol')];
    const other = await createTeam(http, alice);
    const [toBob, toCarol] = [
      await invite(http, alice, other, bob.email, 'member'),
      await invite(http, alice, other, carol.email, 'member'),
    ];
    expect((await inbox(http, bob)).unread).toBe(1);

    const accepted = await request(http).post(`/api/me/invitations/${toBob}/accept`).set(bearer(bob));
    const declined = await request(http).post(`/api/me/invitations/${toCarol}/decline`).set(bearer(carol));

    expect([accepted.status, declined.status]).toEqual([200, 204]);
    for (const [who, id] of [
      [bob, toBob],
      [carol, toCarol],
    ] as const) {
      const page = await inbox(http, who);
      expect(page.unread).toBe(0);
      const invited = page.notifications.find((n) => n.key === `invited:${id}`);
      expect(invited).toMatchObject({ kind: 'invited', readAt: expect.any(String) });
    }
  });
});

describe('watch API', () => {
  const { http } = startServer();

  it('lets any member, viewers included, watch a board and its cards; others hear 404', async () => {
    const [alice, viewer, stranger] = [
      await signUp(http, 'Alice'),
      await signUp(http, 'Vic'),
      await signUp(http, 'Sam'),
    ];
    const teamId = await createTeam(http, alice);
    await addMember(http, alice, teamId, viewer, 'viewer');
    const { url } = await createBoard(http, alice, teamId);
    const card = await createCard(http, alice, url, await createList(http, alice, url, 'To Do'), 'Ship it');
    expect((await request(http).put(`${url}/watch`).set(bearer(viewer))).status).toBe(204);
    expect((await request(http).put(`${url}/cards/${card}/watch`).set(bearer(viewer))).status).toBe(204);
    expect((await request(http).get(`${url}/watch`).set(bearer(viewer))).body).toEqual({ board: true, cards: [card] });
    expect((await request(http).delete(`${url}/watch`).set(bearer(viewer))).status).toBe(204);
    expect((await request(http).get(`${url}/watch`).set(bearer(viewer))).body).toEqual({ board: false, cards: [card] });
    expect((await request(http).get(`${url}/watch`).set(bearer(alice))).body).toEqual({ board: false, cards: [] });
    expectError(await request(http).put(`${url}/watch`).set(bearer(stranger)), 404);
    expectError(await request(http).get(`${url}/watch`).set(bearer(stranger)), 404);
    const otherCard = '0190a0b2-0000-7000-8000-000000000999';
    expectError(await request(http).put(`${url}/cards/${otherCard}/watch`).set(bearer(viewer)), 404);
    expectError(await request(http).put(`${url}/cards/not-a-uuid/watch`).set(bearer(viewer)), 400);
  });
});
