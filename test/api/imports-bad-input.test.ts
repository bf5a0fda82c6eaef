import request from 'supertest';
import { bigExport } from '../support/trello-export';
import { bearer, createTeam, expectError, signUp, startServer, type TestUser } from './helpers';

const { http } = startServer();
const MB = 1024 * 1024;

const send = (user: TestUser, teamId: string, body: Buffer | string) =>
  request(http)
    .post(`/api/teams/${teamId}/imports/trello`)
    .set(bearer(user))
    .attach('file', Buffer.isBuffer(body) ? body : Buffer.from(body), 'board.json');

const world = async () => {
  const owner = await signUp(http, 'Olive');
  return { owner, teamId: await createTeam(http, owner) };
};

const boardsOf = async (user: TestUser, teamId: string) =>
  (await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(user))).body.boards as unknown[];

describe('bad Trello imports', () => {
  test('a file that is not JSON is invalid_import', async () => {
    const { owner, teamId } = await world();
    expectError(await send(owner, teamId, '{"id": "abc", "lists": ['), 400, 'invalid_import');
    expectError(await send(owner, teamId, Buffer.from([0xff, 0xfe, 0x00, 0x7b])), 400, 'invalid_import');
    expect(await boardsOf(owner, teamId)).toEqual([]);
  });

  test('JSON that is not a Trello board export is invalid_import', async () => {
    const { owner, teamId } = await world();
    for (const json of ['[]', '"board"', '{"name":"x","lists":[]}', '{"id":"a","lists":[],"cards":{}}']) {
      expectError(await send(owner, teamId, json), 400, 'invalid_import');
    }
    expect(await boardsOf(owner, teamId)).toEqual([]);
  });

  test('a body that is not multipart is refused', async () => {
    const { owner, teamId } = await world();
    const res = await request(http)
      .post(`/api/teams/${teamId}/imports/trello`)
      .set(bearer(owner))
      .send({ id: 'x', lists: [], cards: [] });
    expectError(res, 400, 'multipart_required');
  });

  test('a file over 50 MB is payload_too_large and nothing is made', async () => {
    const { owner, teamId } = await world();
    const big = Buffer.alloc(50 * MB + 1, 0x20);
    expectError(await send(owner, teamId, big), 413, 'payload_too_large');
    expect(await boardsOf(owner, teamId)).toEqual([]);
  }, 60_000);

  test('an unknown source is not a route', async () => {
    const { owner, teamId } = await world();
    const res = await request(http)
      .post(`/api/teams/${teamId}/imports/asana`)
      .set(bearer(owner))
      .attach('file', Buffer.from('{}'), 'x.json');
    expect(res.status).toBe(400);
  });

  test('hostile strings become safe text: HTML kept as text, NUL gone, 100,000-character names cut', async () => {
    const { owner, teamId } = await world();
    const json = bigExport(2, 1);
    json.name = '<script>alert("x")</script>';
    json.lists[0]!.name = `List\u0000 one`;
    json.cards[0]!.name = 'N'.repeat(100_000);
    json.cards[1]!.name = '<img src=x onerror=alert(1)>';
    json.cards[1]!.desc = `a\u0000b${'d'.repeat(20_000)}`;
    const res = await send(owner, teamId, JSON.stringify(json));
    expect(res.status).toBe(201);
    const snap = (await request(http).get(`/api/teams/${teamId}/boards/${res.body.board.id}`).set(bearer(owner))).body;
    expect(snap.board.title).toBe('<script>alert("x")</script>');
    expect(snap.lists[0].title).toBe('List one');
    expect(snap.cards[0].title).toBe('N'.repeat(200));
    expect(snap.cards[1].title).toBe('<img src=x onerror=alert(1)>');
    expect(snap.cards[1].description).toHaveLength(10_000);
    expect(snap.cards[1].description.startsWith('ab')).toBe(true);
    const reasons = (res.body.report.skipped as { reason: string }[]).map((s) => s.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/cut to 200/), expect.stringMatching(/cut to 10000/)]),
    );
  });
});
