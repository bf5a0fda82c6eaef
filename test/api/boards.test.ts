import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  bearer,
  createBoard,
  createCard,
  createList,
  createTeam,
  expectError,
  signUp,
  startServer,
  type TestUser,
} from './helpers';

describe('boards, lists, cards and comments', () => {
  const { http } = startServer();
  let alice: TestUser;
  let teamId: string;

  beforeAll(async () => {
    alice = await signUp(http, 'Alice');
    teamId = await createTeam(http, alice, 'Acme');
  });

  const titles = (items: { title: string }[]) => items.map((i) => i.title);

  it('a created board answers 201 with the board and seq 1, and is listed and readable as a snapshot', async () => {
    const id = randomUUID();
    const created = await request(http)
      .post(`/api/teams/${teamId}/boards`)
      .set(bearer(alice))
      .send({ title: 'Q3', id });
    const listed = await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(alice));
    const snapshot = await request(http).get(`/api/teams/${teamId}/boards/${id}`).set(bearer(alice));

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      board: expect.objectContaining({ id, teamId, title: 'Q3', archived: false }),
      seq: 1,
    });
    expect(listed.body.boards).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    expect(snapshot.body).toEqual({ board: expect.objectContaining({ id }), lists: [], cards: [], seq: 1 });
  });

  it('a snapshot read again at the same seq is the same body and ETag (304 when revalidated), and changes with the board', async () => {
    const { url } = await createBoard(http, alice, teamId, 'Cached');
    const listId = await createList(http, alice, url, 'To Do');
    const first = await request(http).get(url).set(bearer(alice));
    const again = await request(http).get(url).set(bearer(alice));
    const revalidated = await request(http).get(url).set(bearer(alice)).set('If-None-Match', first.headers.etag!);
    await createCard(http, alice, url, listId, 'New card');
    const changed = await request(http).get(url).set(bearer(alice)).set('If-None-Match', first.headers.etag!);

    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(changed.body.seq).toBe(first.body.seq + 1);
    expect(titles(changed.body.cards)).toEqual(['New card']);
  });

  it('a board is renamed and archived with PATCH, each change with the next seq', async () => {
    const { url } = await createBoard(http, alice, teamId, 'Draft');
    const renamed = await request(http).patch(url).set(bearer(alice)).send({ title: 'Final' });
    const archived = await request(http).patch(url).set(bearer(alice)).send({ archived: true });

    expect(renamed.body).toEqual({ board: expect.objectContaining({ title: 'Final' }), seq: 2 });
    expect(archived.body).toEqual({ board: expect.objectContaining({ archived: true }), seq: 3 });
  });

  it('lists are created, placed, renamed, reordered and deleted', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const todo = await createList(http, alice, url, 'To Do');
    const done = await createList(http, alice, url, 'Done');
    const first = await request(http)
      .post(`${url}/lists`)
      .set(bearer(alice))
      .send({ title: 'Backlog', beforeListId: todo });
    const renamed = await request(http).patch(`${url}/lists/${todo}`).set(bearer(alice)).send({ title: 'Next' });
    const moved = await request(http)
      .post(`${url}/lists/${first.body.list.id}/move`)
      .set(bearer(alice))
      .send({ afterListId: done });
    const deleted = await request(http).delete(`${url}/lists/${done}`).set(bearer(alice));
    const snapshot = await request(http).get(url).set(bearer(alice));

    expect(first.status).toBe(201);
    expect(first.body).toEqual({ list: expect.objectContaining({ title: 'Backlog' }), seq: 4 });
    expect(renamed.body).toEqual({ list: expect.objectContaining({ id: todo, title: 'Next' }), seq: 5 });
    expect(moved.body.seq).toBe(6);
    expect(deleted.body).toEqual({ deleted: done, seq: 7 });
    expect(titles(snapshot.body.lists)).toEqual(['Next', 'Backlog']);
    expect(snapshot.body.seq).toBe(7);
  });

  it('a card is created with all its fields, edited, moved and deleted', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const todo = await createList(http, alice, url, 'To Do');
    const done = await createList(http, alice, url, 'Done');
    const id = randomUUID();
    const fields = { listId: todo, title: 'Ship it', description: 'Soon', dueDate: '2025-02-28', labels: ['ops'], id };
    const created = await request(http).post(`${url}/cards`).set(bearer(alice)).send(fields);
    const edited = await request(http)
      .patch(`${url}/cards/${id}`)
      .set(bearer(alice))
      .send({ dueDate: null, labels: [] });
    const moved = await request(http).post(`${url}/cards/${id}/move`).set(bearer(alice)).send({ toListId: done });
    const deleted = await request(http).delete(`${url}/cards/${id}`).set(bearer(alice));

    expect(created.status).toBe(201);
    expect(created.body.card).toMatchObject({ ...fields, archived: false, commentCount: 0, rank: expect.any(String) });
    expect(edited.body.card).toMatchObject({ id, dueDate: null, labels: [], title: 'Ship it' });
    expect(moved.body.card).toMatchObject({ id, listId: done });
    expect(deleted.body).toEqual({ deleted: id, seq: moved.body.seq + 1 });
  });

  it('cards land where the client asks, before or after a neighbour', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const list = await createList(http, alice, url, 'To Do');
    const a = await createCard(http, alice, url, list, 'A');
    const c = await createCard(http, alice, url, list, 'C');
    await request(http).post(`${url}/cards`).set(bearer(alice)).send({ listId: list, title: 'B', afterCardId: a });
    await request(http).post(`${url}/cards`).set(bearer(alice)).send({ listId: list, title: 'Z', beforeCardId: a });
    await request(http).post(`${url}/cards/${c}/move`).set(bearer(alice)).send({ toListId: list, beforeCardId: a });
    const snapshot = await request(http).get(url).set(bearer(alice));

    expect(titles(snapshot.body.cards)).toEqual(['Z', 'C', 'A', 'B']);
  });

  it('comments are added with 201 and listed with their author', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const list = await createList(http, alice, url, 'To Do');
    const card = await createCard(http, alice, url, list, 'Discuss');
    const posted = await request(http)
      .post(`${url}/cards/${card}/comments`)
      .set(bearer(alice))
      .send({ body: 'Looks good' });
    const listed = await request(http).get(`${url}/cards/${card}/comments`).set(bearer(alice));

    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      comment: expect.objectContaining({ cardId: card, body: 'Looks good', authorName: 'Alice' }),
      seq: expect.any(Number),
    });
    expect(listed.body.comments).toEqual([expect.objectContaining({ body: 'Looks good', authorId: alice.id })]);
  });

  it('the activity feed reads as sentences, newest first, and pages backwards', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const todo = await createList(http, alice, url, 'To Do');
    const done = await createList(http, alice, url, 'Done');
    const card = await createCard(http, alice, url, todo, 'Fix login');
    await request(http).post(`${url}/cards/${card}/move`).set(bearer(alice)).send({ toListId: done });
    const page = await request(http).get(`${url}/activity?limit=2`).set(bearer(alice));
    const older = await request(http).get(`${url}/activity?limit=10&before=${page.body.nextBefore}`).set(bearer(alice));

    expect(page.body.entries.map((e: { text: string }) => e.text)).toEqual([
      'Alice moved "Fix login" from To Do to Done',
      'Alice added "Fix login" to To Do',
    ]);
    expect(page.body.nextBefore).toEqual(expect.any(Number));
    expect(older.body.entries).toHaveLength(3);
    expect(older.body.nextBefore).toBeNull();
  });

  it('events after a seq come oldest first, and hasMore says when a limit cut them short', async () => {
    const { url } = await createBoard(http, alice, teamId);
    await createList(http, alice, url, 'One');
    await createList(http, alice, url, 'Two');
    const all = await request(http).get(`${url}/events?after=1`).set(bearer(alice));
    const cut = await request(http).get(`${url}/events?after=0&limit=2`).set(bearer(alice));

    expect(all.body.events.map((e: { seq: number; kind: string }) => [e.seq, e.kind])).toEqual([
      [2, 'list.created'],
      [3, 'list.created'],
    ]);
    expect(all.body.hasMore).toBe(false);
    expect(cut.body.events).toHaveLength(2);
    expect(cut.body.hasMore).toBe(true);
  });

  it('a board exports as a JSON download and as a CSV download', async () => {
    const { url } = await createBoard(http, alice, teamId, 'Sprint 12');
    const list = await createList(http, alice, url, 'To Do');
    await createCard(http, alice, url, list, 'Write, then "ship"');
    const json = await request(http).get(`${url}/export?format=json`).set(bearer(alice));
    const csv = await request(http).get(`${url}/export?format=csv`).set(bearer(alice));

    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toBe('attachment; filename="sprint-12.json"');
    expect(JSON.parse(json.text)).toMatchObject({
      board: { title: 'Sprint 12' },
      cards: [{ title: 'Write, then "ship"' }],
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="sprint-12.csv"');
    expect(csv.text.split('\r\n')[1]).toMatch(/^To Do,"Write, then ""ship""",/);
  });

  it('a mutation repeated with the same Idempotency-Key answers the same seq and creates nothing twice', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const list = await createList(http, alice, url, 'To Do');
    const send = () =>
      request(http)
        .post(`${url}/cards`)
        .set(bearer(alice))
        .set('Idempotency-Key', 'create-card-1')
        .send({ listId: list, title: 'Once' });
    const first = await send();
    const again = await send();
    const snapshot = await request(http).get(url).set(bearer(alice));

    expect(first.status).toBe(201);
    expect(again.body.seq).toBe(first.body.seq);
    expect(again.body.card.id).toBe(first.body.card.id);
    expect(titles(snapshot.body.cards)).toEqual(['Once']);
    expect(snapshot.body.seq).toBe(first.body.seq);
  });

  it('an Idempotency-Key with spaces or over 200 characters is a 400', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const spaced = await request(http)
      .post(`${url}/lists`)
      .set(bearer(alice))
      .set('Idempotency-Key', 'has space')
      .send({ title: 'X' });
    const long = await request(http)
      .post(`${url}/lists`)
      .set(bearer(alice))
      .set('Idempotency-Key', 'k'.repeat(201))
      .send({ title: 'X' });

    expectError(spaced, 400, 'invalid_idempotency_key');
    expectError(long, 400, 'invalid_idempotency_key');
  });

  it('writing to an archived board is a conflict', async () => {
    const { url } = await createBoard(http, alice, teamId);
    await request(http).patch(url).set(bearer(alice)).send({ archived: true });

    expectError(await request(http).post(`${url}/lists`).set(bearer(alice)).send({ title: 'Late' }), 409);
  });

  it('a list or card id of another board is not found', async () => {
    const one = await createBoard(http, alice, teamId, 'One');
    const two = await createBoard(http, alice, teamId, 'Two');
    const list = await createList(http, alice, one.url, 'Mine');
    const card = await createCard(http, alice, one.url, list, 'Mine');

    expectError(
      await request(http).post(`${two.url}/cards`).set(bearer(alice)).send({ listId: list, title: 'X' }),
      404,
    );
    expectError(await request(http).patch(`${two.url}/cards/${card}`).set(bearer(alice)).send({ title: 'X' }), 404);
    expectError(await request(http).get(`${two.url}/cards/${card}/comments`).set(bearer(alice)), 404);
  });
});

// Its own server: the suite above spends the write budget of one client.
describe('board export of mentioning text', () => {
  const { http } = startServer();

  it('the CSV export shows mentions as @name; the JSON export keeps the tokens', async () => {
    const alice = await signUp(http, 'Alice');
    const teamId = await createTeam(http, alice, 'Acme');
    const { url } = await createBoard(http, alice, teamId, 'Mentions');
    const list = await createList(http, alice, url, 'To Do');
    const card = await createCard(http, alice, url, list, 'Ask');
    const token = `<@${alice.id}>`;
    await request(http)
      .patch(`${url}/cards/${card}`)
      .set(bearer(alice))
      .send({ description: `${token} owns it` });
    await request(http)
      .post(`${url}/cards/${card}/comments`)
      .set(bearer(alice))
      .send({ body: `thanks ${token}` });
    const json = await request(http).get(`${url}/export?format=json`).set(bearer(alice));
    const csv = await request(http).get(`${url}/export?format=csv`).set(bearer(alice));

    expect(json.text).toContain(`${token} owns it`);
    expect(json.text).toContain(`thanks ${token}`);
    expect(csv.text).not.toContain('<@');
    expect(csv.text).toContain(`@${alice.name} owns it`);
    expect(csv.text).toMatch(new RegExp(`: thanks @${alice.name}`));
  });
});
