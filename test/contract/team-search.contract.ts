import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore, SearchHit, SearchResults, TeamSearch } from '../../src/application/ports';
import { parseSearchQuery } from '../../src/application/search/search-query';
import { checklistEdits, commands, type CardChanges, type CardId, type TeamId } from '../../src/domain';
import { boardWorld, type BoardWorld } from './board-fixtures';
import { newId, ok, ticker, type Subject } from './fixtures';

/** A board store and the search over the same rows. */
export interface SearchSubject {
  readonly store: BoardStore;
  readonly search: TeamSearch;
}

const query = (typed: string) => {
  const parsed = parseSearchQuery(typed);
  if (E.isLeft(parsed)) throw new Error(`not a query: ${typed}`);
  return parsed.right;
};

/** The highlighted parts of a hit's snippet, lower-cased. */
const marked = (hit: SearchHit) => hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e).toLowerCase());

const clock = ticker(Date.parse('2025-06-01T08:00:00.000Z'));

const update = (w: BoardWorld, cardId: CardId, changes: CardChanges) =>
  w.mutate((tx) =>
    pipe(
      tx.card(cardId),
      TE.chainEitherK((card) => commands.updateCard(tx.board, card, changes, clock())),
    ),
  );

const comment = (w: BoardWorld, cardId: CardId, body: string) =>
  w.mutate((tx) =>
    pipe(
      tx.card(cardId),
      TE.chainEitherK((card) =>
        commands.createComment(tx.board, card, { id: newId(), body, author: w.actor, at: clock() }),
      ),
    ),
  );

/**
 * The TeamSearch contract: memory and Postgres find, order, page and mark the same hits for the
 * queries both read alike (plain words, `or`, `-word`, a prefix). Each case works in a fresh team.
 */
export const registerTeamSearchContract = (name: string, factory: () => Promise<Subject<SearchSubject>>): void => {
  describe(`TeamSearch contract: ${name}`, () => {
    let subject: Subject<SearchSubject>;
    let store: BoardStore;
    let find: (teamId: TeamId, typed: string, limit?: number) => Promise<SearchResults>;

    beforeAll(async () => {
      subject = await factory();
      store = subject.port.store;
      find = (teamId, typed, limit = 20) =>
        ok(subject.port.search.search(teamId, query(typed), { limit, after: null }));
    });
    afterAll(() => subject.close());

    it('finds a card by a word of its title, case aside, and marks the word', async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      const card = await w.addCard(list.id, 'Deploy the API');
      const { hits, next } = await find(w.teamId, 'DEPLOY');
      expect(hits).toEqual([
        expect.objectContaining({
          kind: 'card',
          id: card.id,
          boardId: w.boardId,
          cardId: card.id,
          title: 'Deploy the API',
          archived: false,
        }),
      ]);
      expect(marked(hits[0]!)).toEqual(['deploy']);
      expect(next).toBeNull();
    });

    it('matches the last word as a prefix, but only from the start of a word', async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      await w.addCard(list.id, 'Deploy the API');
      expect((await find(w.teamId, 'the deplo')).hits.map((h) => marked(h))).toEqual([['deploy', 'the']]);
      expect((await find(w.teamId, 'eploy')).hits).toEqual([]);
      // Only the word being typed is a prefix: a finished word must match whole.
      expect((await find(w.teamId, 'deplo api')).hits).toEqual([]);
    });

    it('needs every word, excludes -words and takes or as alternatives', async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      const friday = await w.addCard(list.id, 'Deploy on friday');
      const monday = await w.addCard(list.id, 'Deploy on monday');
      const ids = async (typed: string) => (await find(w.teamId, typed)).hits.map((h) => h.id).sort();
      expect(await ids('deploy friday')).toEqual([friday.id]);
      expect(await ids('deploy -friday')).toEqual([monday.id]);
      expect(await ids('friday or monday')).toEqual([friday.id, monday.id].sort());
    });

    it("finds words of a card's description and takes the snippet from there", async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      const card = await w.addCard(list.id, 'Release');
      await update(w, card.id, { description: 'Remember to rotate the signing keys first.' });
      const [hit] = (await find(w.teamId, 'signing')).hits;
      expect(hit).toMatchObject({ kind: 'card', id: card.id, title: 'Release' });
      expect(hit!.snippet.text).toContain('rotate the signing keys');
      expect(marked(hit!)).toEqual(['signing']);
    });

    it("finds words of a card's checklists and their items, with the snippet around them", async () => {
      const w = await boardWorld(store, 'Launch');
      const list = await w.addList('Doing');
      const card = await w.addCard(list.id, 'Release');
      const checklistId = newId();
      const edit = (
        decide: (
          c: Parameters<typeof checklistEdits.addChecklist>[0],
        ) => ReturnType<typeof checklistEdits.addChecklist>,
      ) =>
        w.mutate((tx) =>
          pipe(
            tx.card(card.id),
            TE.chainEitherK((c) => commands.changeChecklists(tx.board, c, decide(c))),
          ),
        );
      await edit((c) => checklistEdits.addChecklist(c, { id: checklistId, title: 'Preflight' }));
      await edit((c) => checklistEdits.addItem(c, checklistId, { id: newId(), title: 'Notarize the installer' }));
      const [hit] = (await find(w.teamId, 'notarize')).hits;
      expect(hit).toMatchObject({ kind: 'card', id: card.id, title: 'Release' });
      expect(hit!.snippet.text).toContain('Notarize the installer');
      expect(marked(hit!)).toEqual(['notarize']);
      expect((await find(w.teamId, 'preflight')).hits.map((h) => h.id)).toEqual([card.id]);
    });

    it('finds boards by title and comments by body, naming the card a comment is on', async () => {
      const w = await boardWorld(store, 'Quarterly roadmap');
      const list = await w.addList('Ideas');
      const card = await w.addCard(list.id, 'Pricing page');
      await comment(w, card.id, 'The roadmap review moved to Tuesday');
      const { hits } = await find(w.teamId, 'roadmap');
      expect(hits.map((h) => [h.kind, h.title, h.cardId])).toEqual([
        ['board', 'Quarterly roadmap', undefined],
        ['comment', 'Pricing page', card.id],
      ]);
      expect(hits[1]!.snippet.text).toContain('roadmap review');
      expect(hits.map((h) => marked(h))).toEqual([['roadmap'], ['roadmap']]);
    });

    it('ranks hits in the title first, then the most recently changed first', async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      const inBody = await w.addCard(list.id, 'Old task');
      await update(w, inBody.id, { description: 'about the migration' });
      const older = await w.addCard(list.id, 'Migration plan');
      const newer = await w.addCard(list.id, 'Migration rehearsal');
      const { hits } = await find(w.teamId, 'migration');
      expect(hits.map((h) => h.id)).toEqual([newer.id, older.id, inBody.id]);
    });

    it('pages through every hit once, in order, and says when there are no more', async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      for (let i = 0; i < 5; i++) await w.addCard(list.id, `Incident ${i}`);
      const all = (await find(w.teamId, 'incident')).hits.map((h) => h.id);
      const seen: string[] = [];
      let after = null;
      for (let page = 0; page < 5; page++) {
        const res: SearchResults = await ok(
          subject.port.search.search(w.teamId, query('incident'), { limit: 2, after }),
        );
        seen.push(...res.hits.map((h) => h.id));
        after = res.next;
        if (after === null) break;
      }
      expect(all).toHaveLength(5);
      expect(seen).toEqual(all);
      expect(after).toBeNull();
    });

    it('pages one hit at a time across boards, title hits, body hits and comments without a gap', async () => {
      const w = await boardWorld(store, 'Orbit board');
      const list = await w.addList('Doing');
      const titled = await w.addCard(list.id, 'Orbit launch');
      const described = await w.addCard(list.id, 'Telemetry');
      await update(w, described.id, { description: 'check the orbit' });
      await comment(w, titled.id, 'orbit confirmed');
      await w.addCard(list.id, 'Orbit review');
      const whole = (await find(w.teamId, 'orbit')).hits.map((h) => `${h.kind}:${h.id}`);
      const paged: string[] = [];
      let after = null;
      for (let page = 0; page < 10; page++) {
        const res: SearchResults = await ok(subject.port.search.search(w.teamId, query('orbit'), { limit: 1, after }));
        paged.push(...res.hits.map((h) => `${h.kind}:${h.id}`));
        after = res.next;
        if (after === null) break;
      }
      expect(whole).toHaveLength(5);
      expect(paged).toEqual(whole);
    });

    it('finds archived cards and cards of archived lists and boards, marked archived', async () => {
      const w = await boardWorld(store, 'Platform');
      const list = await w.addList('Doing');
      const live = await w.addCard(list.id, 'Audit live');
      const shelved = await w.addCard(list.id, 'Audit shelved');
      await update(w, shelved.id, { archived: true });
      const archivedOf = async () =>
        Object.fromEntries((await find(w.teamId, 'audit')).hits.map((h) => [h.id, h.archived]));
      expect(await archivedOf()).toEqual({ [live.id]: false, [shelved.id]: true });
      await w.mutate((tx) => TE.fromEither(commands.updateBoard(tx.board, { archived: true })));
      expect(await archivedOf()).toEqual({ [live.id]: true, [shelved.id]: true });
    });

    it("never finds another team's boards, cards or comments", async () => {
      const mine = await boardWorld(store, 'Secret plans');
      const theirs = await boardWorld(store, 'Secret plans');
      const card = await theirs.addCard((await theirs.addList('L')).id, 'Secret card');
      await comment(theirs, card.id, 'secret comment');
      const { hits } = await find(mine.teamId, 'secret');
      expect(hits.map((h) => h.boardId)).toEqual([mine.boardId]);
    });

    it('forgets a deleted card and its comments', async () => {
      const w = await boardWorld(store, 'Platform');
      const card = await w.addCard((await w.addList('L')).id, 'Obsolete thing');
      await comment(w, card.id, 'obsolete indeed');
      await w.mutate((tx) =>
        pipe(
          tx.card(card.id),
          TE.chainEitherK((c) => commands.deleteCard(tx.board, c)),
        ),
      );
      expect((await find(w.teamId, 'obsolete')).hits).toEqual([]);
    });

    it('keeps a long text to a snippet of at most 30 words around the match', async () => {
      const w = await boardWorld(store, 'Platform');
      const card = await w.addCard((await w.addList('L')).id, 'Notes');
      const filler = Array.from({ length: 40 }, (_, i) => `word${i}`);
      const text = [...filler, 'needle', ...filler].join(' ');
      await update(w, card.id, { description: text });
      const [hit] = (await find(w.teamId, 'needle')).hits;
      const words = hit!.snippet.text.split(/\s+/).filter(Boolean);
      expect(words.length).toBeLessThanOrEqual(30);
      expect(text).toContain(hit!.snippet.text);
      expect(marked(hit!)).toEqual(['needle']);
    });

    it('drops the control characters it marks with from stored text', async () => {
      const w = await boardWorld(store, 'Platform');
      await w.addCard((await w.addList('L')).id, 'Tricky \u0002title\u0003 here');
      const [hit] = (await find(w.teamId, 'tricky')).hits;
      expect(marked(hit!)).toEqual(['tricky']);
      expect([...hit!.snippet.text].filter((c) => c === '\u0002' || c === '\u0003')).toEqual([]);
    });
  });
};
