import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore } from '../../src/application/ports';
import { commands, type Attachment, type CardId } from '../../src/domain';
import { boardCreated, boardWorld, createCardDecision, type BoardWorld } from './board-fixtures';
import { fail, newId, ok, ticker, type Subject } from './fixtures';

const COMMENT_ORIGIN = { clientId: 'browser-1', mid: 'comment-1' };

/** A board with a list, a card holding a file and a comment, and the ids a test checks afterwards. */
const furnished = async (store: BoardStore) => {
  const w = await boardWorld(store, 'Doomed');
  const todo = await w.addList('To Do');
  const card = await w.addCard(todo.id, 'Logo');
  const file: Attachment = {
    id: newId(),
    name: 'logo.png',
    size: 10,
    contentType: 'image/png',
    createdAt: ticker()(),
    createdBy: w.actor,
    hasThumbnail: false,
  };
  await w.mutate((tx) =>
    pipe(
      tx.card(card.id),
      TE.chainEitherK((c) => commands.addAttachment(tx.board, c, file)),
    ),
  );
  await w.mutate(
    (tx) =>
      pipe(
        tx.card(card.id),
        TE.chainEitherK((c) =>
          commands.createComment(tx.board, c, { id: newId(), body: 'Nice', author: w.actor, at: ticker()() }),
        ),
      ),
    COMMENT_ORIGIN,
  );
  return { w, todo, card, file };
};

/** Creates the same board id again in the world's team, as an import of the same file does. */
const recreate = (w: BoardWorld) => {
  const ctx = w.ctx();
  return w.store.createBoard(
    ctx,
    boardCreated({ id: w.boardId, teamId: w.teamId, title: 'Again', actor: w.actor, at: ctx.at }),
  );
};

/**
 * Deleting a board on a BoardStore (memory and Postgres): everything keyed by the board goes, at once,
 * and only in the board's own team.
 */
export const registerBoardDeleteContract = (name: string, factory: () => Promise<Subject<BoardStore>>): void => {
  describe(`BoardStore board delete: ${name}`, () => {
    let subject: Subject<BoardStore>;
    let store: BoardStore;
    beforeAll(async () => {
      subject = await factory();
      store = subject.port;
    });
    afterAll(() => subject.close());

    it('a deleted board, its lists, cards, comments and events are not found any more', async () => {
      const { w, todo, card, file } = await furnished(store);
      const deleted = await ok(store.deleteBoard(w.teamId, w.boardId));
      expect(deleted.board).toMatchObject({ id: w.boardId, title: 'Doomed' });
      expect(deleted.attachmentIds).toEqual([file.id]);
      expect((await fail(store.board(w.teamId, w.boardId))).kind).toBe('not_found');
      expect((await fail(store.snapshot(w.teamId, w.boardId))).kind).toBe('not_found');
      expect((await fail(store.list(w.teamId, w.boardId, todo.id))).kind).toBe('not_found');
      expect((await fail(store.card(w.teamId, w.boardId, card.id))).kind).toBe('not_found');
      expect((await fail(store.eventsAfter(w.teamId, w.boardId, 0, 10))).kind).toBe('not_found');
      expect(await ok(store.listBoards(w.teamId))).toEqual([]);
    });

    it('a write to a deleted board is not found', async () => {
      const { w, todo } = await furnished(store);
      await ok(store.deleteBoard(w.teamId, w.boardId));
      const err = await fail(store.mutate(w.ctx(), createCardDecision(todo.id, 'Late', {}, newId(), ticker()())));
      expect(err.kind).toBe('not_found');
      const batch = { teamId: w.teamId, boardId: w.boardId, expectedSeq: 5, entries: [] };
      expect((await fail(store.commit(batch))).kind).toBe('not_found');
    });

    it('the same board id can be created again, empty, with its ids and origins free', async () => {
      const { w, card } = await furnished(store);
      await ok(store.deleteBoard(w.teamId, w.boardId));
      const again = await ok(recreate(w));
      expect(again.seq).toBe(1);
      const list = await w.addList('Fresh');
      // The deleted card's id and the deleted comment's origin are free again, not replayed or refused.
      const reborn = await w.mutate(
        createCardDecision(list.id, 'Reborn', {}, card.id as CardId, ticker()()),
        COMMENT_ORIGIN,
      );
      expect(reborn).toMatchObject({ kind: 'card.created', seq: 3 });
      expect((await ok(store.snapshot(w.teamId, w.boardId))).cards[card.id]).toMatchObject({ title: 'Reborn' });
    });

    it("another team's board, or no board, is not found and nothing is deleted", async () => {
      const { w } = await furnished(store);
      expect((await fail(store.deleteBoard(newId(), w.boardId))).kind).toBe('not_found');
      expect((await fail(store.deleteBoard(w.teamId, newId()))).kind).toBe('not_found');
      expect((await ok(store.snapshot(w.teamId, w.boardId))).seq).toBe(5);
    });

    it("deleting one board leaves the team's other boards alone", async () => {
      const { w } = await furnished(store);
      const otherId = newId();
      const ctx = { ...w.ctx(), boardId: otherId };
      await ok(
        store.createBoard(
          ctx,
          boardCreated({ id: otherId, teamId: w.teamId, title: 'Kept', actor: w.actor, at: ctx.at }),
        ),
      );
      await ok(store.deleteBoard(w.teamId, w.boardId));
      expect((await ok(store.listBoards(w.teamId))).map((b) => b.title)).toEqual(['Kept']);
      expect((await ok(store.eventsAfter(w.teamId, otherId, 0, 10))).map((e) => e.kind)).toEqual(['board.created']);
    });
  });
};
