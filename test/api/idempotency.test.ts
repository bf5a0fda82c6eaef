import request from 'supertest';
import type { ListId, TeamId, BoardId, Title, UserId } from '../../src/domain';
import {
  addMember,
  bearer,
  createBoard,
  createCard,
  createList,
  expectError,
  seedBoard,
  signUp,
  startServer,
} from './helpers';

const titles = (cards: { title: string }[]) => cards.map((c) => c.title);

describe('an Idempotency-Key names one request of one user', () => {
  const { http, app } = startServer();

  const world = async () => {
    const alice = await signUp(http, 'Alice');
    const { teamId, board, listId: todo } = await seedBoard(http, alice);
    const done = await createList(http, alice, board.url, 'Done');
    return { alice, teamId, board, todo, done };
  };

  it('a key reused to create a different card is refused with 422 and creates nothing', async () => {
    const { alice, board, todo } = await world();
    const create = (title: string) =>
      request(http)
        .post(`${board.url}/cards`)
        .set(bearer(alice))
        .set('Idempotency-Key', 'k-1')
        .send({ listId: todo, title });
    expect((await create('First')).status).toBe(201);
    expectError(await create('Second'), 422, 'idempotency_key_reused');
    const snapshot = await request(http).get(board.url).set(bearer(alice));
    expect(titles(snapshot.body.cards)).toEqual(['First']);
  });

  it('a key reused to move another card is refused, and the other card stays where it was', async () => {
    const { alice, board, todo, done } = await world();
    const a = await createCard(http, alice, board.url, todo, 'A');
    const b = await createCard(http, alice, board.url, todo, 'B');
    const move = (cardId: string) =>
      request(http)
        .post(`${board.url}/cards/${cardId}/move`)
        .set(bearer(alice))
        .set('Idempotency-Key', 'move-1')
        .send({ toListId: done });
    expect((await move(a)).status).toBe(200);
    expectError(await move(b), 422, 'idempotency_key_reused');
    const snapshot = await request(http).get(board.url).set(bearer(alice));
    const listOf = (id: string) => snapshot.body.cards.find((c: { id: string }) => c.id === id).listId;
    expect([listOf(a), listOf(b)]).toEqual([done, todo]);
  });

  it('a key reused for an update on another board of the same team is refused', async () => {
    const { alice, teamId, board, todo } = await world();
    const other = await createBoard(http, alice, teamId, 'Other');
    const otherList = await createList(http, alice, other.url, 'Backlog');
    const here = await createCard(http, alice, board.url, todo, 'Here');
    const there = await createCard(http, alice, other.url, otherList, 'There');
    const rename = (url: string, cardId: string) =>
      request(http)
        .patch(`${url}/cards/${cardId}`)
        .set(bearer(alice))
        .set('Idempotency-Key', 'rename-1')
        .send({ title: 'Renamed' });
    expect((await rename(board.url, here)).status).toBe(200);
    expectError(await rename(other.url, there), 422, 'idempotency_key_reused');
    const snapshot = await request(http).get(other.url).set(bearer(alice));
    expect(titles(snapshot.body.cards)).toEqual(['There']);
  });

  it('the same request sent again, its keys in another order, is answered as the first time', async () => {
    const { alice, board, todo } = await world();
    const first = await request(http)
      .post(`${board.url}/cards`)
      .set(bearer(alice))
      .set('Idempotency-Key', 'again-1')
      .send({ listId: todo, title: 'Once', description: 'd' });
    const again = await request(http)
      .post(`${board.url}/cards`)
      .set(bearer(alice))
      .set('Idempotency-Key', 'again-1')
      .send({ description: 'd', title: 'Once', listId: todo });
    expect(again.status).toBe(201);
    expect(again.body.seq).toBe(first.body.seq);
  });

  it("two users' equal keys are two requests, each applied once", async () => {
    const { alice, teamId, board, todo } = await world();
    const bob = await signUp(http, 'Bob');
    await addMember(http, alice, teamId, bob, 'member');
    const create = (user: typeof alice, title: string) =>
      request(http)
        .post(`${board.url}/cards`)
        .set(bearer(user))
        .set('Idempotency-Key', 'shared')
        .send({ listId: todo, title });
    expect((await create(alice, 'By Alice')).status).toBe(201);
    expect((await create(bob, 'By Bob')).status).toBe(201);
    const snapshot = await request(http).get(board.url).set(bearer(alice));
    expect(titles(snapshot.body.cards).sort()).toEqual(['By Alice', 'By Bob']);
  });

  it("a teammate sending another user's REST client id and key neither blocks nor reads that user's request", async () => {
    const { alice, teamId, board, todo } = await world();
    const mallory = await signUp(http, 'Mallory');
    await addMember(http, alice, teamId, mallory, 'member');
    const burned = await app.cards.create(
      { userId: mallory.id as UserId },
      teamId as TeamId,
      board.boardId as BoardId,
      { listId: todo as ListId, title: 'Mallory was here' as Title },
      { clientId: `http:${alice.id}`, mid: 'alice-next' },
    )();
    expect(burned._tag).toBe('Right');
    const res = await request(http)
      .post(`${board.url}/cards`)
      .set(bearer(alice))
      .set('Idempotency-Key', 'alice-next')
      .send({ listId: todo, title: 'What Alice meant' });
    expect(res.status).toBe(201);
    expect(res.body.card.title).toBe('What Alice meant');
  });
});
