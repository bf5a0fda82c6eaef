import request from 'supertest';
import {
  addMember,
  bearer,
  createBoard,
  createCard,
  createList,
  createTeam,
  expectError,
  seedBoard,
  signUp,
  startServer,
  type TestUser,
} from './helpers';

interface Result {
  kind: string;
  id: string;
  boardId: string;
  cardId?: string;
  title: string;
  snippet: { text: string; highlights: [number, number][] };
  archived: boolean;
}

describe('team search', () => {
  const { http } = startServer();
  let alice: TestUser;
  let teamId: string;
  let boardUrl: string;
  let boardId: string;
  let listId: string;

  const search = (user: TestUser, team: string, query: Record<string, string>) =>
    request(http).get(`/api/teams/${team}/search`).query(query).set(bearer(user));

  const marked = (r: Result) => r.snippet.highlights.map(([s, e]) => r.snippet.text.slice(s, e));

  beforeAll(async () => {
    alice = await signUp(http, 'Alice');
    ({
      teamId,
      board: { url: boardUrl, boardId },
      listId,
    } = await seedBoard(http, alice, { team: 'Acme', board: 'Launch roadmap', list: 'Doing' }));
  });

  it('finds cards, boards and comments, with snippets whose highlights are offsets into plain text', async () => {
    const card = await createCard(http, alice, boardUrl, listId, 'Deploy the <b>billing</b> service');
    await request(http).post(`${boardUrl}/cards/${card}/comments`).set(bearer(alice)).send({ body: 'billing is late' });
    const res = await search(alice, teamId, { q: 'billing' });
    expect(res.status).toBe(200);
    const results = res.body.results as Result[];
    expect(results.map((r) => [r.kind, r.boardId, r.cardId, r.title])).toEqual([
      ['card', boardId, card, 'Deploy the <b>billing</b> service'],
      ['comment', boardId, card, 'Deploy the <b>billing</b> service'],
    ]);
    expect(results.map(marked)).toEqual([['billing'], ['billing']]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('shows mentions in snippets as @name, never as a token or a piece of one, highlights on the words found', async () => {
    const filler = Array.from({ length: 10 }, (_, i) => `word${i}`).join(' ');
    const card = await createCard(http, alice, boardUrl, listId, 'Airship');
    const body = `zeppelin ${filler} ask <@${alice.id}> and <@${alice.id}> about it then more words to follow here`;
    await request(http).post(`${boardUrl}/cards/${card}/comments`).set(bearer(alice)).send({ body }).expect(201);
    const short = `<@${alice.id}> owns the dirigible`;
    await request(http).post(`${boardUrl}/cards/${card}/comments`).set(bearer(alice)).send({ body: short }).expect(201);

    for (const [q, word] of [
      ['zeppelin', 'zeppelin'],
      ['dirigible', 'dirigible'],
    ] as const) {
      const [hit] = (await search(alice, teamId, { q })).body.results as Result[];
      expect(hit!.snippet.text).not.toMatch(/<@|>|[0-9a-f]{8}/);
      expect(marked(hit!)).toEqual([word]);
      expect(hit!.snippet.text).toContain('@Alice');
    }
    const [short_] = (await search(alice, teamId, { q: 'dirigible' })).body.results as Result[];
    expect(short_!.snippet.text).toBe('@Alice owns the dirigible');
  });

  it('finds a word from its first letters while it is being typed', async () => {
    const card = await createCard(http, alice, boardUrl, listId, 'Kubernetes upgrade');
    const res = await search(alice, teamId, { q: 'kuber' });
    expect((res.body.results as Result[]).map((r) => r.id)).toEqual([card]);
    expect(marked(res.body.results[0])).toEqual(['Kubernetes']);
  });

  it('finds board titles', async () => {
    const res = await search(alice, teamId, { q: 'roadmap' });
    expect(res.body.results).toEqual([
      expect.objectContaining({ kind: 'board', id: boardId, title: 'Launch roadmap' }),
    ]);
    expect(res.body.results[0].cardId).toBeUndefined();
  });

  it('pages with nextCursor through every hit exactly once', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createCard(http, alice, boardUrl, listId, `Pager duty ${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await search(alice, teamId, { q: 'pager', limit: '2', ...(cursor && { cursor }) });
      expect(page.status).toBe(200);
      sizes.push(page.body.results.length);
      seen.push(...(page.body.results as Result[]).map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null && sizes.length < 10);
    expect(sizes).toEqual([2, 2, 1]);
    expect([...seen].sort()).toEqual([...made].sort());
  });

  it('marks archived cards instead of hiding them', async () => {
    const card = await createCard(http, alice, boardUrl, listId, 'Shelved experiment');
    await request(http).patch(`${boardUrl}/cards/${card}`).set(bearer(alice)).send({ archived: true });
    const res = await search(alice, teamId, { q: 'shelved' });
    expect(res.body.results).toEqual([expect.objectContaining({ id: card, archived: true })]);
  });

  it('lets a viewer search, and answers a stranger as if the team did not exist', async () => {
    const viewer = await signUp(http, 'Vic');
    await addMember(http, alice, teamId, viewer, 'viewer');
    const stranger = await signUp(http, 'Mallory');
    expect((await search(viewer, teamId, { q: 'roadmap' })).body.results).toHaveLength(1);
    expectError(await search(stranger, teamId, { q: 'roadmap' }), 404, 'not_found');
    expectError(await request(http).get(`/api/teams/${teamId}/search?q=roadmap`), 401);
  });

  it("never shows one team another team's rows, shards shared or not", async () => {
    // Four teams on three shards: at least two of them share a shard (in memory, all do).
    const owners = await Promise.all(['Ann', 'Ben', 'Cat', 'Dan'].map((n) => signUp(http, n)));
    const teams = [];
    for (const owner of owners) {
      const team = await createTeam(http, owner, `${owner.name} inc`);
      const board = await createBoard(http, owner, team, `${owner.name} confidential board`);
      const list = await createList(http, owner, board.url, 'L');
      const card = await createCard(http, owner, board.url, list, `Confidential ${owner.name}`);
      await request(http).post(`${board.url}/cards/${card}/comments`).set(bearer(owner)).send({ body: 'confidential' });
      teams.push({ owner, team, board: board.boardId });
    }
    for (const { owner, team, board } of teams) {
      const res = await search(owner, team, { q: 'confidential' });
      expect(res.body.results).toHaveLength(3);
      expect(new Set((res.body.results as Result[]).map((r) => r.boardId))).toEqual(new Set([board]));
    }
  });

  it('reads any text as words, never as query syntax it would choke on', async () => {
    const card = await createCard(http, alice, boardUrl, listId, "Robert'); DROP TABLE cards; -- said it");
    const hostile = [
      'a & b | !c',
      'robert:*',
      "'",
      '\\',
      '((',
      'a<->b',
      '"x" -"y"',
      'or',
      '-',
      'drop table',
      'ünïcode é',
    ];
    for (const q of hostile) {
      const res = await search(alice, teamId, { q });
      expect({ q, status: res.status }).toEqual({ q, status: res.status === 400 ? 400 : 200 });
      if (res.status === 400) expect(res.body.error.code).toBe('empty_query');
    }
    const found = await search(alice, teamId, { q: 'drop table' });
    expect((found.body.results as Result[]).map((r) => r.id)).toEqual([card]);
  });

  it('refuses an empty or blank query with empty_query and a long one with query_too_long', async () => {
    expectError(await search(alice, teamId, {}), 400, 'empty_query');
    expectError(await search(alice, teamId, { q: '   ' }), 400, 'empty_query');
    expectError(await search(alice, teamId, { q: '!!! ???' }), 400, 'empty_query');
    expectError(await search(alice, teamId, { q: 'a'.repeat(201) }), 400, 'query_too_long');
  });

  it('refuses a cursor it did not hand out with invalid_cursor', async () => {
    const forged = Buffer.from(JSON.stringify([9, 'yesterday', 'card', 'x'])).toString('base64url');
    for (const cursor of ['not a cursor', 'AAAA', forged, 'e30'])
      expectError(await search(alice, teamId, { q: 'pager', cursor }), 400, 'invalid_cursor');
  });

  it('refuses a limit outside 1..50', async () => {
    for (const limit of ['0', '51', 'ten'])
      expectError(await search(alice, teamId, { q: 'pager', limit }), 400, 'invalid_query');
  });
});
