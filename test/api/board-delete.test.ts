import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { ControlMessage } from '../../src/application/ports';
import {
  addMember,
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

describe('deleting a board for good', () => {
  // Small enough that one 70 KB file fills the team's quota until it is deleted.
  const { http, control } = startServer({ attachmentQuotaBytes: 100_000 });
  const heard: ControlMessage[] = [];
  let owner: TestUser;
  let teamId: string;

  beforeAll(async () => {
    control.onMessage((m) => heard.push(m));
    owner = await signUp(http, 'Olga');
    teamId = await createTeam(http, owner, 'Acme');
  });

  const attach = (url: string, cardId: string) =>
    request(http)
      .post(`${url}/cards/${cardId}/attachments`)
      .set(bearer(owner))
      .attach('file', randomBytes(70_000), { filename: 'data.bin' });

  it('an owner deletes a board: 204, and the board, its lists, cards, comments and log are gone', async () => {
    const { boardId: id, url } = await createBoard(http, owner, teamId, 'Doomed');
    const listId = await createList(http, owner, url, 'To Do');
    const cardId = await createCard(http, owner, url, listId, 'Card');
    await request(http).post(`${url}/cards/${cardId}/comments`).set(bearer(owner)).send({ body: 'Hi' }).expect(201);

    const res = await request(http).delete(url).set(bearer(owner));

    expect(res.status).toBe(204);
    expectError(await request(http).get(url).set(bearer(owner)), 404, 'not_found');
    expectError(await request(http).get(`${url}/events?after=0`).set(bearer(owner)), 404, 'not_found');
    expectError(await request(http).get(`${url}/cards/${cardId}/comments`).set(bearer(owner)), 404, 'not_found');
    const listed = await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(owner));
    expect(listed.body.boards.map((b: { id: string }) => b.id)).not.toContain(id);
    expect(heard).toContainEqual({ type: 'board.deleted', teamId, boardId: id });
  });

  it('writes to a deleted board answer 404, and deleting it again is 404', async () => {
    const { url } = await createBoard(http, owner, teamId, 'Gone');
    const listId = await createList(http, owner, url, 'To Do');
    await request(http).delete(url).set(bearer(owner)).expect(204);

    expectError(await request(http).post(`${url}/cards`).set(bearer(owner)).send({ listId, title: 'x' }), 404);
    expectError(await request(http).post(`${url}/lists`).set(bearer(owner)).send({ title: 'x' }), 404);
    expectError(await request(http).delete(url).set(bearer(owner)), 404, 'not_found');
  });

  it('an admin may delete a board; a member or a viewer is refused with 403 and the board stays', async () => {
    const admin = await signUp(http, 'Ada');
    const member = await signUp(http, 'Mo');
    const viewer = await signUp(http, 'Vi');
    await addMember(http, owner, teamId, admin, 'admin');
    await addMember(http, owner, teamId, member, 'member');
    await addMember(http, owner, teamId, viewer, 'viewer');
    const { url } = await createBoard(http, member, teamId, 'Shared');

    expectError(await request(http).delete(url).set(bearer(member)), 403, 'insufficient_role');
    expectError(await request(http).delete(url).set(bearer(viewer)), 403, 'insufficient_role');
    expect((await request(http).get(url).set(bearer(owner))).status).toBe(200);
    expect((await request(http).delete(url).set(bearer(admin))).status).toBe(204);
  });

  it("another team's board, an unknown board or a stranger is told 404, and nothing is deleted", async () => {
    const mallory = await signUp(http, 'Mallory');
    const theirTeam = await createTeam(http, mallory, 'Evil');
    const { boardId: id, url } = await createBoard(http, owner, teamId, 'Mine');

    expectError(await request(http).delete(`/api/teams/${theirTeam}/boards/${id}`).set(bearer(mallory)), 404);
    expectError(await request(http).delete(url).set(bearer(mallory)), 404, 'not_found');
    const unknown = `/api/teams/${teamId}/boards/${'0190a8f0-0000-7000-8000-000000000000'}`;
    expectError(await request(http).delete(unknown).set(bearer(owner)), 404, 'not_found');
    expectError(await request(http).delete(`/api/teams/${teamId}/boards/not-a-uuid`).set(bearer(owner)), 400);
    expect((await request(http).get(url).set(bearer(owner))).status).toBe(200);
  });

  it("deleting a board deletes its cards' files, so they stop counting against the quota", async () => {
    const team = await createTeam(http, owner, 'Files');
    const first = await createBoard(http, owner, team, 'With files');
    const firstCard = await createCard(http, owner, first.url, await createList(http, owner, first.url, 'L'), 'F');
    expect((await attach(first.url, firstCard)).status).toBe(201);
    const second = await createBoard(http, owner, team, 'Next');
    const secondCard = await createCard(http, owner, second.url, await createList(http, owner, second.url, 'L'), 'F');
    expect((await attach(second.url, secondCard)).status).toBe(413);

    await request(http).delete(first.url).set(bearer(owner)).expect(204);

    expect((await attach(second.url, secondCard)).status).toBe(201);
  });

  it('the same board id can be created again afterwards, empty and watched by nobody', async () => {
    const id = '0190a8f0-0000-7000-8000-00000000d31e';
    const url = `/api/teams/${teamId}/boards/${id}`;
    await request(http).post(`/api/teams/${teamId}/boards`).set(bearer(owner)).send({ title: 'Once', id }).expect(201);
    await createList(http, owner, url, 'To Do');
    await request(http).put(`${url}/watch`).set(bearer(owner)).expect(204);
    await request(http).delete(url).set(bearer(owner)).expect(204);

    const again = await request(http)
      .post(`/api/teams/${teamId}/boards`)
      .set(bearer(owner))
      .send({ title: 'Twice', id });

    expect(again.status).toBe(201);
    expect((await request(http).get(url).set(bearer(owner))).body).toMatchObject({ lists: [], seq: 1 });
    expect((await request(http).get(`${url}/watch`).set(bearer(owner))).body).toEqual({ board: false, cards: [] });
  });
});
