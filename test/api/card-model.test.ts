import { randomUUID } from 'node:crypto';
import { perWindow } from '../../src/application/ports';
import request from 'supertest';
import {
  addMember,
  bearer,
  createCard,
  createTeam,
  expectError,
  seedBoard,
  signUp,
  signUpAll,
  startServer,
  type TestUser,
} from './helpers';

describe('the card model: labels, members, checklists and dates', () => {
  // Every test here writes a few times as the same people; the per-user write budget is not under test.
  const { http } = startServer({ rateLimits: { mutationsPerUser: perWindow(100_000, 1) } });
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  let teamId: string;
  let board: { boardId: string; url: string };
  let listId: string;

  beforeAll(async () => {
    [alice, bob, mallory] = await signUpAll(http, 'Alice', 'Bob', 'Mallory');
    await createTeam(http, mallory, 'Evil');
    ({ teamId, board, listId } = await seedBoard(http, alice, {
      team: 'Acme',
      members: [[bob, 'member']],
      board: 'Launch',
    }));
  });

  const snapshot = async () => (await request(http).get(board.url).set(bearer(alice))).body;
  const cardOf = async (cardId: string) =>
    (await snapshot()).cards.find((c: { id: string }) => c.id === cardId) as Record<string, unknown>;
  const newCard = (title = `Card ${randomUUID().slice(0, 6)}`) => createCard(http, alice, board.url, listId, title);
  const post = (user: TestUser, path: string, body: object) =>
    request(http).post(`${board.url}${path}`).set(bearer(user)).send(body);

  describe('labels', () => {
    it('a label joins the board’s set with its colour, and a second label gets the next palette colour', async () => {
      const first = await post(alice, '/labels', { name: 'Urgent', color: 'red' });
      const second = await post(alice, '/labels', { name: 'Docs' });

      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        label: { id: expect.any(String), name: 'Urgent', color: 'red' },
        seq: expect.any(Number),
      });
      expect(second.body.label.color).toBe('yellow');
      expect((await snapshot()).board.labels.map((l: { name: string }) => l.name)).toEqual(
        expect.arrayContaining(['Urgent', 'Docs']),
      );
    });

    it('a second label of the same name, ignoring case, is refused as a conflict', async () => {
      await post(alice, '/labels', { name: 'Backend' });
      expectError(await post(alice, '/labels', { name: 'backend' }), 409, 'label_exists');
    });

    it('a colour outside the palette is a 400 naming the field', async () => {
      const res = await post(alice, '/labels', { name: 'Fancy', color: '#ff00ff' });
      expect(expectError(res, 400)).toBeTruthy();
      expect(res.body.error.message).toMatch(/color/i);
    });

    it('renaming a label renames it on every card that has it; deleting it takes it off them', async () => {
      const label = (await post(alice, '/labels', { name: 'Frontend', color: 'blue' })).body.label;
      const cardId = await newCard();
      const labelled = await post(alice, `/cards/${cardId}/labels`, { labelId: label.id });
      expect(labelled.status).toBe(200);
      expect(labelled.body.card.labels).toEqual(['Frontend']);

      const renamed = await request(http)
        .patch(`${board.url}/labels/${label.id}`)
        .set(bearer(alice))
        .send({ name: 'Web', color: 'sky' });
      expect(renamed.body.label).toEqual({ id: label.id, name: 'Web', color: 'sky' });
      expect((await cardOf(cardId)).labels).toEqual(['Web']);

      const deleted = await request(http).delete(`${board.url}/labels/${label.id}`).set(bearer(alice));
      expect(deleted.body).toEqual({ deleted: label.id, seq: expect.any(Number) });
      expect((await cardOf(cardId)).labels).toEqual([]);
      expect((await snapshot()).board.labels.some((l: { id: string }) => l.id === label.id)).toBe(false);
    });

    it('a label is taken off a card by name, and a label the card does not have is not found', async () => {
      const label = (await post(alice, '/labels', { name: 'Ops' })).body.label;
      const cardId = await newCard();
      await post(alice, `/cards/${cardId}/labels`, { labelId: label.id });

      expectError(await post(alice, `/cards/${cardId}/labels`, { labelId: label.id }), 409, 'already_labeled');
      const removed = await request(http).delete(`${board.url}/cards/${cardId}/labels/Ops`).set(bearer(alice));
      expect(removed.body.card.labels).toEqual([]);
      expectError(await request(http).delete(`${board.url}/cards/${cardId}/labels/Ops`).set(bearer(alice)), 404);
    });

    it('free-text labels set on a card take the spelling of the board’s label of that name', async () => {
      await post(alice, '/labels', { name: 'QA' });
      const cardId = await newCard();
      const res = await request(http)
        .patch(`${board.url}/cards/${cardId}`)
        .set(bearer(alice))
        .send({ labels: ['qa', 'misc'] });
      expect(res.body.card.labels).toEqual(['QA', 'misc']);
    });
  });

  describe('members', () => {
    it('a team member is assigned and unassigned, and the activity feed names them', async () => {
      const cardId = await newCard('Assign me');
      const added = await post(alice, `/cards/${cardId}/members`, { userId: bob.id });
      expect(added.status).toBe(200);
      expect(added.body.card.assignees).toEqual([bob.id]);
      expectError(await post(alice, `/cards/${cardId}/members`, { userId: bob.id }), 409, 'already_assigned');

      const removed = await request(http).delete(`${board.url}/cards/${cardId}/members/${bob.id}`).set(bearer(bob));
      expect(removed.body.card.assignees).toEqual([]);

      const feed = await request(http).get(`${board.url}/activity`).set(bearer(alice));
      const texts = feed.body.entries.map((e: { text: string }) => e.text);
      expect(texts).toEqual(
        expect.arrayContaining(['Alice assigned Bob to "Assign me"', 'Bob unassigned Bob from "Assign me"']),
      );
    });

    it('someone who is not in the team cannot be assigned: not found, and nothing changes', async () => {
      const cardId = await newCard();
      expectError(await post(alice, `/cards/${cardId}/members`, { userId: mallory.id }), 404);
      expect((await cardOf(cardId)).assignees).toEqual([]);
    });

    it('a member removed from the team is unassigned from every card, as events', async () => {
      const carol = await signUp(http, 'Carol');
      await addMember(http, alice, teamId, carol, 'member');
      const one = await newCard();
      const two = await newCard();
      await post(alice, `/cards/${one}/members`, { userId: carol.id });
      await post(alice, `/cards/${two}/members`, { userId: carol.id });
      const before = (await snapshot()).seq;

      const res = await request(http).delete(`/api/teams/${teamId}/members/${carol.id}`).set(bearer(alice));
      expect(res.status).toBe(204);

      expect((await cardOf(one)).assignees).toEqual([]);
      expect((await cardOf(two)).assignees).toEqual([]);
      const events = await request(http).get(`${board.url}/events?after=${before}`).set(bearer(alice));
      expect(events.body.events.map((e: { kind: string }) => e.kind)).toEqual([
        'card.member.removed',
        'card.member.removed',
      ]);
    });
    it('a member removed from the team is taken off the cards of an archived board too', async () => {
      const dave = await signUp(http, 'Dave');
      await addMember(http, alice, teamId, dave, 'member');
      const cardId = await newCard();
      await post(alice, `/cards/${cardId}/members`, { userId: dave.id });
      const archive = await request(http).patch(board.url).set(bearer(alice)).send({ archived: true });
      expect(archive.status).toBe(200);

      expect((await request(http).delete(`/api/teams/${teamId}/members/${dave.id}`).set(bearer(alice))).status).toBe(
        204,
      );

      expect((await cardOf(cardId)).assignees).toEqual([]);
      expect((await request(http).patch(board.url).set(bearer(alice)).send({ archived: false })).status).toBe(200);
    });
  });

  describe('checklists', () => {
    it('items are added, checked, reordered and deleted; the card carries them in order', async () => {
      const cardId = await newCard();
      const created = await post(alice, `/cards/${cardId}/checklists`, { title: 'Release' });
      expect(created.status).toBe(201);
      const checklistId = created.body.card.checklists[0].id;
      const base = `/cards/${cardId}/checklists/${checklistId}/items`;
      const a = (await post(alice, base, { title: 'Tag' })).body.card.checklists[0].items[0].id;
      await post(alice, base, { title: 'Build' });
      const c = (await post(alice, base, { title: 'Announce' })).body.card.checklists[0].items[2].id;

      const checked = await request(http).patch(`${board.url}${base}/${a}`).set(bearer(alice)).send({ done: true });
      expect(checked.body.card.checklists[0].items[0]).toMatchObject({ title: 'Tag', done: true });

      const moved = await post(alice, `${base}/${c}/move`, {});
      expect(moved.body.card.checklists[0].items.map((i: { title: string }) => i.title)).toEqual([
        'Tag',
        'Build',
        'Announce',
      ]);
      const first = await post(alice, `${base}/${c}/move`, { beforeItemId: a });
      expect(first.body.card.checklists[0].items.map((i: { title: string }) => i.title)).toEqual([
        'Announce',
        'Tag',
        'Build',
      ]);

      const deleted = await request(http).delete(`${board.url}${base}/${a}`).set(bearer(alice));
      expect(deleted.body.card.checklists[0].items.map((i: { title: string }) => i.title)).toEqual([
        'Announce',
        'Build',
      ]);
      expect((await cardOf(cardId)).checklists).toEqual(deleted.body.card.checklists);
    });

    it('an item of a checklist that does not exist is not found; an empty title is a 400', async () => {
      const cardId = await newCard();
      expectError(await post(alice, `/cards/${cardId}/checklists/${randomUUID()}/items`, { title: 'X' }), 404);
      expectError(await post(alice, `/cards/${cardId}/checklists`, { title: '   ' }), 400);
    });

    it('renaming and deleting a checklist are recorded in the activity feed', async () => {
      const cardId = await newCard('Checklist card');
      const created = await post(alice, `/cards/${cardId}/checklists`, { title: 'Todo' });
      const checklistId = created.body.card.checklists[0].id;
      await request(http)
        .patch(`${board.url}/cards/${cardId}/checklists/${checklistId}`)
        .set(bearer(alice))
        .send({ title: 'Steps' });
      const gone = await request(http)
        .delete(`${board.url}/cards/${cardId}/checklists/${checklistId}`)
        .set(bearer(alice));
      expect(gone.body.card.checklists).toEqual([]);
      const feed = await request(http).get(`${board.url}/activity`).set(bearer(alice));
      expect(feed.body.entries.map((e: { text: string }) => e.text)).toEqual(
        expect.arrayContaining([
          'Alice added the checklist "Todo" to "Checklist card"',
          'Alice renamed a checklist of "Checklist card" to "Steps"',
          'Alice deleted the checklist "Steps" from "Checklist card"',
        ]),
      );
    });
  });

  describe('dates', () => {
    it('start and due are stored as UTC instants, done toggles, and null clears', async () => {
      const cardId = await newCard();
      const set = await request(http)
        .patch(`${board.url}/cards/${cardId}`)
        .set(bearer(alice))
        .send({ startAt: '2026-12-01T09:00+01:00', dueAt: '2026-12-03T17:30:00Z', dueDone: true });
      expect(set.status).toBe(200);
      expect(set.body.card).toMatchObject({
        startAt: '2026-12-01T08:00:00.000Z',
        dueAt: '2026-12-03T17:30:00.000Z',
        dueDone: true,
      });
      const cleared = await request(http)
        .patch(`${board.url}/cards/${cardId}`)
        .set(bearer(alice))
        .send({ dueAt: null });
      expect(cleared.body.card).toMatchObject({ startAt: '2026-12-01T08:00:00.000Z', dueAt: null });
      expect(await cardOf(cardId)).toMatchObject({ startAt: '2026-12-01T08:00:00.000Z', dueAt: null, dueDone: true });
    });

    it.each(['2026-12-03', '2026-12-03T17:30', 'tomorrow', '2026-02-30T10:00Z'])(
      'a due instant of %j is a 400',
      async (dueAt) => {
        const cardId = await newCard();
        expectError(await request(http).patch(`${board.url}/cards/${cardId}`).set(bearer(alice)).send({ dueAt }), 400);
      },
    );
  });

  describe('comments', () => {
    const comment = async (user: TestUser, cardId: string, body: string) =>
      (await post(user, `/cards/${cardId}/comments`, { body })).body.comment as { id: string };

    it('the author edits a comment: the body changes and it is marked edited; someone else cannot', async () => {
      const cardId = await newCard();
      const mine = await comment(bob, cardId, 'Frist');
      const path = `${board.url}/cards/${cardId}/comments/${mine.id}`;
      expectError(await request(http).patch(path).set(bearer(alice)).send({ body: 'Hijacked' }), 403, 'not_author');

      const edited = await request(http).patch(path).set(bearer(bob)).send({ body: 'First' });
      expect(edited.status).toBe(200);
      expect(edited.body.comment).toMatchObject({ id: mine.id, body: 'First', editedAt: expect.any(String) });
      const listed = await request(http).get(`${board.url}/cards/${cardId}/comments`).set(bearer(alice));
      expect(listed.body.comments).toEqual([expect.objectContaining({ body: 'First', authorName: 'Bob' })]);
    });

    it('a comment is deleted by its author or an admin, not by another member; the card counts it no more', async () => {
      const cardId = await newCard();
      const aliceSays = await comment(alice, cardId, 'Owner note');
      const bobSays = await comment(bob, cardId, 'Member note');
      const del = (user: TestUser, id: string) =>
        request(http).delete(`${board.url}/cards/${cardId}/comments/${id}`).set(bearer(user));

      expectError(await del(bob, aliceSays.id), 403, 'not_author');
      expect((await del(alice, bobSays.id)).body).toEqual({ deleted: bobSays.id, seq: expect.any(Number) });
      expect((await del(alice, aliceSays.id)).status).toBe(200);
      expectError(await del(alice, aliceSays.id), 404);
      expect((await cardOf(cardId)).commentCount).toBe(0);
      const listed = await request(http).get(`${board.url}/cards/${cardId}/comments`).set(bearer(alice));
      expect(listed.body.comments).toEqual([]);
    });

    it('a comment named under another card is not found', async () => {
      const one = await newCard();
      const two = await newCard();
      const c = await comment(alice, one, 'Here');
      expectError(
        await request(http).patch(`${board.url}/cards/${two}/comments/${c.id}`).set(bearer(alice)).send({ body: 'x' }),
        404,
      );
    });
  });

  describe('export', () => {
    it('the CSV carries start, due, done, checklist progress and member names', async () => {
      const cardId = await newCard('Exported card');
      await request(http)
        .patch(`${board.url}/cards/${cardId}`)
        .set(bearer(alice))
        .send({ dueAt: '2026-12-03T17:30:00Z', dueDone: false });
      await post(alice, `/cards/${cardId}/members`, { userId: bob.id });
      const checklistId = (await post(alice, `/cards/${cardId}/checklists`, { title: 'Steps' })).body.card.checklists[0]
        .id;
      const item = (await post(alice, `/cards/${cardId}/checklists/${checklistId}/items`, { title: 'One' })).body.card
        .checklists[0].items[0].id;
      await post(alice, `/cards/${cardId}/checklists/${checklistId}/items`, { title: 'Two' });
      await request(http)
        .patch(`${board.url}/cards/${cardId}/checklists/${checklistId}/items/${item}`)
        .set(bearer(alice))
        .send({ done: true });

      const csv = await request(http).get(`${board.url}/export?format=csv`).set(bearer(alice));
      const row = csv.text.split('\r\n').find((line) => line.startsWith('To Do,Exported card,'));
      expect(row?.endsWith(',,2026-12-03T17:30:00.000Z,false,1/2,Bob')).toBe(true);
    });
  });

  describe('another team', () => {
    it('cannot see or touch this board’s labels, members or checklists', async () => {
      const label = (await post(alice, '/labels', { name: 'Secret' })).body.label;
      const cardId = await newCard();
      expectError(await post(mallory, '/labels', { name: 'Pwned' }), 404);
      expectError(await post(mallory, `/cards/${cardId}/labels`, { labelId: label.id }), 404);
      expectError(await post(mallory, `/cards/${cardId}/members`, { userId: mallory.id }), 404);
      expectError(await post(mallory, `/cards/${cardId}/checklists`, { title: 'x' }), 404);
      expectError(await request(http).delete(`${board.url}/labels/${label.id}`).set(bearer(mallory)), 404);
      expect((await snapshot()).board.labels.some((l: { name: string }) => l.name === 'Pwned')).toBe(false);
    });
  });
});
