import request from 'supertest';
import { bigExport } from '../support/trello-export';
import { bearer, createTeam, signUp, startServer } from './helpers';

const { http } = startServer();

// End to end at 2,000 cards: every card is one event through the board engine, whose per-event state copy
// grows with the board, so 20,000 cards take minutes here (see the 20,000-card mapping test in
// test/unit/application/trello-map-size.test.ts for the part of the import that is the importer's own).
describe('a large Trello export', () => {
  test('a board of 2,000 cards with checklists and comments imports whole, in order', async () => {
    const owner = await signUp(http, 'Olive');
    const teamId = await createTeam(http, owner);
    const json = bigExport(2_000, 20, true);
    const res = await request(http)
      .post(`/api/teams/${teamId}/imports/trello`)
      .set(bearer(owner))
      .attach('file', Buffer.from(JSON.stringify(json)), 'big.json');
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({ lists: 20, cards: 2_000, checklists: 500, comments: 200 });
    const snap = await request(http).get(`/api/teams/${teamId}/boards/${res.body.board.id}`).set(bearer(owner));
    const cards = snap.body.cards as { title: string; listId: string }[];
    expect(cards).toHaveLength(2_000);
    const firstList = cards.filter((c) => c.listId === snap.body.lists[0].id).map((c) => c.title);
    expect(firstList.slice(0, 3)).toEqual(['Card 0', 'Card 20', 'Card 40']);
    expect(firstList).toHaveLength(100);
  }, 600_000);
});
