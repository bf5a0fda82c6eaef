import request from 'supertest';
import {
  bearer,
  createBoard,
  createCard,
  createTeam,
  expectError,
  seedBoard,
  signUp,
  startServer,
} from '../api/helpers';

// An attacker's strings: NUL (Postgres text refuses it) and unpaired surrogates (no UTF-8 form).
const NUL = 'bad\u0000title';
const LONE_HIGH = 'bad\ud800title';
const LONE_LOW = '\udc00bad';
const INVISIBLE_ONLY = ['\u200b\u200b', '\u2060', '\u3164', '\u202e\u202c', ' \u00a0 ', '\ufeff'];

describe('text that cannot be stored or seen is refused as bad input, never a 500', () => {
  const { http } = startServer();

  it.each([NUL, LONE_HIGH, LONE_LOW])('a sign-up with %j in the name is a 400 bad_input', async (name) => {
    const res = await request(http)
      .post('/api/auth/signup')
      .send({ email: `x-${Math.random()}@example.com`, password: 'correct horse battery', name });
    expectError(res, 400, 'bad_input');
  });

  it.each([NUL, LONE_HIGH])('an anonymous login with %j in the e-mail is a 400 bad_input', async (email) => {
    const res = await request(http).post('/api/auth/login').send({ email, password: 'whatever it is' });
    expectError(res, 400, 'bad_input');
  });

  it('teams, boards, lists, cards and comments refuse NUL and lone surrogates', async () => {
    const alice = await signUp(http);
    const { teamId, board, listId } = await seedBoard(http, alice, { list: 'To do' });
    const cardId = await createCard(http, alice, board.url, listId, 'A card');
    const attempts = [
      request(http).post('/api/teams').set(bearer(alice)).send({ name: NUL }),
      request(http).post(`/api/teams/${teamId}/boards`).set(bearer(alice)).send({ title: LONE_HIGH }),
      request(http).post(`${board.url}/lists`).set(bearer(alice)).send({ title: NUL }),
      request(http).post(`${board.url}/cards`).set(bearer(alice)).send({ listId, title: LONE_LOW }),
      request(http).patch(`${board.url}/cards/${cardId}`).set(bearer(alice)).send({ description: NUL }),
      request(http)
        .patch(`${board.url}/cards/${cardId}`)
        .set(bearer(alice))
        .send({ labels: [LONE_HIGH] }),
      request(http).post(`${board.url}/cards/${cardId}/comments`).set(bearer(alice)).send({ body: NUL }),
      request(http).get(`${board.url}/activity`).query({ before: NUL }).set(bearer(alice)),
    ];
    for (const res of await Promise.all(attempts)) expectError(res, 400, 'bad_input');
    const snapshot = await request(http).get(board.url).set(bearer(alice));
    expect(snapshot.body.cards.map((c: { title: string; description: string }) => [c.title, c.description])).toEqual([
      ['A card', ''],
    ]);
  });

  it.each(INVISIBLE_ONLY)('a title made only of invisible characters (%j) is refused', async (title) => {
    const alice = await signUp(http);
    const teamId = await createTeam(http, alice);
    const board = await createBoard(http, alice, teamId);
    const res = await request(http).post(`${board.url}/lists`).set(bearer(alice)).send({ title });
    expectError(res, 400);
  });

  it('a title with visible text around invisible characters is kept as sent', async () => {
    const alice = await signUp(http);
    const teamId = await createTeam(http, alice);
    const board = await createBoard(http, alice, teamId);
    const res = await request(http).post(`${board.url}/lists`).set(bearer(alice)).send({ title: 'Done\u200b✓ 👍🏽' });
    expect(res.status).toBe(201);
    expect(res.body.list.title).toBe('Done\u200b✓ 👍🏽');
  });
});
