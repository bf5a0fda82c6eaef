import request from 'supertest';
import {
  addMember,
  bearer,
  createBoard,
  createCard,
  createList,
  createTeam,
  expectError,
  signUp,
  signUpAll,
  startServer,
  type TestUser,
} from './helpers';

describe('a board’s archive', () => {
  const { http } = startServer();
  let alice: TestUser;
  let mallory: TestUser;
  let victor: TestUser;
  let teamId: string;

  beforeAll(async () => {
    [alice, mallory, victor] = await signUpAll(http, 'Alice', 'Mallory', 'Victor');
    teamId = await createTeam(http, alice, 'Acme');
    await createTeam(http, mallory, 'Rivals');
    await addMember(http, alice, teamId, victor, 'viewer');
  });

  const archive = (url: string, user: TestUser) => request(http).get(`${url}/archive`).set(bearer(user));

  it('lists archived lists and archived cards, and nothing that is still on the board', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const todo = await createList(http, alice, url, 'To Do');
    const old = await createList(http, alice, url, 'Old');
    const kept = await createCard(http, alice, url, todo, 'Kept');
    const shelved = await createCard(http, alice, url, todo, 'Shelved');
    await createCard(http, alice, url, old, 'Inside the old list');
    await request(http).patch(`${url}/cards/${shelved}`).set(bearer(alice)).send({ archived: true });
    await request(http).patch(`${url}/lists/${old}`).set(bearer(alice)).send({ archived: true });

    const res = await archive(url, alice);

    expect(res.status).toBe(200);
    expect(res.body.lists.map((l: { id: string }) => l.id)).toEqual([old]);
    expect(res.body.cards.map((c: { id: string; title: string }) => c.title)).toEqual(['Shelved']);
    expect(res.body.cards.map((c: { id: string }) => c.id)).not.toContain(kept);
    expect(res.body.seq).toBe(8);
  });

  it('a restored card leaves the archive', async () => {
    const { url } = await createBoard(http, alice, teamId);
    const todo = await createList(http, alice, url, 'To Do');
    const card = await createCard(http, alice, url, todo, 'Back soon');
    await request(http).patch(`${url}/cards/${card}`).set(bearer(alice)).send({ archived: true });
    await request(http).patch(`${url}/cards/${card}`).set(bearer(alice)).send({ archived: false });

    expect((await archive(url, alice)).body).toMatchObject({ lists: [], cards: [] });
  });

  it('a viewer of the team may read it', async () => {
    const { url } = await createBoard(http, alice, teamId);
    expect((await archive(url, victor)).status).toBe(200);
  });

  it('another team’s user hears the board is not found, as for every board route', async () => {
    const { url } = await createBoard(http, alice, teamId);
    expectError(await archive(url, mallory), 404);
  });

  it('an unknown board is not found and a malformed id is a 400', async () => {
    expectError(await archive(`/api/teams/${teamId}/boards/00000000-0000-4000-8000-000000000000`, alice), 404);
    expectError(await archive(`/api/teams/${teamId}/boards/not-an-id`, alice), 400);
  });

  it('only owners and admins may rename or archive a board; a member is refused', async () => {
    const bob = await signUp(http, 'Bob');
    await addMember(http, alice, teamId, bob, 'member');
    const { url } = await createBoard(http, alice, teamId);

    expectError(await request(http).patch(url).set(bearer(bob)).send({ archived: true }), 403, 'insufficient_role');
    expectError(await request(http).patch(url).set(bearer(bob)).send({ title: 'Mine' }), 403, 'insufficient_role');
    expect((await request(http).get(url).set(bearer(bob))).body.board).toMatchObject({ archived: false });
  });
});
