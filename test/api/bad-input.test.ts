import request from 'supertest';
import { bearer, createCard, expectError, seedBoard, signUp, startServer, type TestUser } from './helpers';

describe('bad input always answers a clear 4xx, never a 500', () => {
  const { http } = startServer();
  let user: TestUser;
  let teamId: string;
  let url: string;
  let listId: string;
  let cardId: string;

  beforeAll(async () => {
    user = await signUp(http, 'Bea');
    ({
      teamId,
      board: { url },
      listId,
    } = await seedBoard(http, user));
    cardId = await createCard(http, user, url, listId, 'Existing');
  });

  const postCard = (body: unknown) =>
    request(http)
      .post(`${url}/cards`)
      .set(bearer(user))
      .send(body as object);
  const raw = (path: string, contentType: string, body: string) =>
    request(http).post(path).set(bearer(user)).set('Content-Type', contentType).send(body);

  it('a field of the wrong type is a 400 naming the field as a form labels it', async () => {
    const res = await postCard({ listId, title: 42 });

    expectError(res, 400, 'invalid_body');
    expect(res.body.error.message).toBe('Title must be text');
  });

  it('a missing required field is a 400 naming the field', async () => {
    const res = await postCard({ title: 'No list' });

    expectError(res, 400, 'invalid_body');
    expect(res.body.error.message).toBe('List id is required');
  });

  it('an unknown field is a 400 naming the field', async () => {
    const res = await postCard({ listId, title: 'Typo', descripton: 'oops' });

    expectError(res, 400, 'invalid_body');
    expect(res.body.error.message).toBe('Unknown field "descripton"');
  });

  it('values outside the value objects are refused with their rule', async () => {
    const cases: [object, RegExp][] = [
      [{ listId, title: '  padded  ' }, /^Title must not start or end with spaces$/],
      [{ listId, title: '' }, /^Title must be 1 to 200 characters$/],
      [{ listId, title: 'x'.repeat(201) }, /^Title must be 1 to 200 characters$/],
      [
        { listId, title: 'Date', dueDate: '2025-02-30' },
        /^Due date must be a real date written as YYYY-MM-DD, or empty$/,
      ],
      [{ listId, title: 'Date', dueDate: 20250228 }, /^Due date must be/],
      [{ listId, title: 'Labels', labels: ['a', 'a'] }, /^Labels must be at most 20 different labels$/],
      [{ listId, title: 'Labels', labels: ['ok', ''] }, /^Label 2 must be 1 to 40 characters$/],
      [{ listId: 'not-a-uuid', title: 'Id' }, /^List id must be a lowercase UUID$/],
      [{ listId, title: 'Id', id: listId.toUpperCase() }, /^Id must be a lowercase UUID$/],
    ];
    for (const [body, message] of cases) {
      const res = await postCard(body);
      expectError(res, 400, 'invalid_body');
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('a body that is not a JSON object is a 400', async () => {
    expectError(await raw(`${url}/cards`, 'application/json', '[1,2,3]'), 400, 'invalid_body');
    expectError(await raw(`${url}/cards`, 'application/json', '"just a string"'), 400, 'malformed_json');
    expectError(await raw(`${url}/cards`, 'application/json', 'null'), 400, 'malformed_json');
  });

  it('an empty PATCH is a 400', async () => {
    expectError(await request(http).patch(`${url}/cards/${cardId}`).set(bearer(user)).send({}), 400);
  });

  it('sign-up with an invalid email or a short password is a 400 naming the field', async () => {
    const email = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'nope', password: 'long enough pw', name: 'N' });
    const password = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'n@example.com', password: 'short', name: 'N' });

    expectError(email, 400, 'invalid_body');
    expectError(password, 400, 'invalid_body');
    expect(email.body.error.message).toBe('Email must be an email address such as name@example.com');
    expect(password.body.error.message).toBe('Password must be 8 to 256 characters');
  });

  it('a body over 64 KiB is 413 payload_too_large', async () => {
    const res = await postCard({ listId, title: 'Huge', description: 'x'.repeat(70 * 1024) });

    expectError(res, 413, 'payload_too_large');
  });

  it('a body that is not application/json is 415 unsupported_media_type', async () => {
    expectError(await raw(`${url}/lists`, 'text/plain', '{"title":"Plain"}'), 415, 'unsupported_media_type');
    expectError(
      await raw(`${url}/lists`, 'application/x-www-form-urlencoded', 'title=Form'),
      415,
      'unsupported_media_type',
    );
    expectError(await raw('/api/auth/signup', 'text/xml', '<signup/>'), 415, 'unsupported_media_type');
  });

  it('malformed JSON is 400 malformed_json', async () => {
    expectError(await raw(`${url}/lists`, 'application/json', '{"title": "Half'), 400, 'malformed_json');
    expectError(await raw('/api/auth/login', 'application/json', "{'single': 'quotes'}"), 400, 'malformed_json');
  });

  it('__proto__, constructor and prototype keys are refused anywhere in a body', async () => {
    const bodies = [
      `{"title":"x","__proto__":{"isAdmin":true}}`,
      `{"title":"x","nested":{"constructor":{"prototype":{}}}}`,
      `{"listId":"${listId}","title":"x","labels":[{"prototype":1}]}`,
    ];
    for (const body of bodies) {
      const res = await raw(`${url}/cards`, 'application/json', body);
      expectError(res, 400, 'forbidden_key');
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('an id in the path that is not a lowercase UUID is a 400 naming the parameter', async () => {
    const bad = await request(http).get(`/api/teams/${teamId}/boards/not-a-uuid`).set(bearer(user));
    const upper = await request(http).get(`/api/teams/${teamId.toUpperCase()}/boards`).set(bearer(user));
    const card = await request(http).patch(`${url}/cards/123`).set(bearer(user)).send({ title: 'X' });

    expectError(bad, 400, 'invalid_params');
    expect(bad.body.error.message).toBe('Board id must be a lowercase UUID');
    expectError(upper, 400, 'invalid_params');
    expectError(card, 400, 'invalid_params');
  });

  it('a path that cannot be decoded is a 400', async () => {
    expectError(await request(http).get(`/api/teams/%E0%A4%A/boards`).set(bearer(user)), 400);
  });

  it('bad query parameters are a 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      [`${url}/activity?limit=abc`, /^Limit must be an integer from 1 to 200$/],
      [`${url}/activity?limit=0`, /^Limit must be/],
      [`${url}/activity?limit=201`, /^Limit must be/],
      [`${url}/activity?before=-1`, /^Before must be/],
      [`${url}/events?after=1.5`, /^After must be/],
      [`${url}/events?after=1&after=2`, /^After must be/],
      [`${url}/export?format=xml`, /^Format must be json or csv$/],
    ];
    for (const [path, message] of cases) {
      const res = await request(http).get(path).set(bearer(user));
      expectError(res, 400, 'invalid_query');
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('an unknown API route is a JSON 404', async () => {
    expectError(await request(http).get('/api/nothing-here').set(bearer(user)), 404, 'route_not_found');
    expectError(
      await request(http).put(`/api/teams/${teamId}/boards`).set(bearer(user)).send({}),
      404,
      'route_not_found',
    );
  });
});
