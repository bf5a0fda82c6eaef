import type { UserRepository, WatchStore } from '../../src/application/ports';
import type { User } from '../../src/domain';
import { newId, ok, type Subject } from './fixtures';
import { aUser } from './user-repository.contract';

/** Watches belong to people, so the suite gets the catalog's users too. */
export interface WatchPorts {
  readonly users: UserRepository;
  readonly watches: WatchStore;
}

/** The WatchStore contract, run against every adapter. */
export const registerWatchStoreContract = (name: string, factory: () => Promise<Subject<WatchPorts>>): void => {
  describe(`WatchStore contract: ${name}`, () => {
    let subject: Subject<WatchPorts>;
    let store: WatchStore;
    const teamId = newId();
    const boardId = newId();

    beforeEach(async () => {
      subject = await factory();
      store = subject.port.watches;
    });
    afterEach(() => subject.close());

    const person = (): Promise<User> => ok(subject.port.users.create(aUser(), 'h'));

    it('remembers a board and its cards watched, each once, until unwatched', async () => {
      const bob = await person();
      const [c1, c2] = [newId(), newId()];
      await ok(store.watch(bob.id, { teamId, boardId, cardId: null }));
      await ok(store.watch(bob.id, { teamId, boardId, cardId: null }));
      await ok(store.watch(bob.id, { teamId, boardId, cardId: c1 }));
      await ok(store.watch(bob.id, { teamId, boardId, cardId: c2 }));
      await ok(store.watch(bob.id, { teamId, boardId, cardId: c1 }));
      const mine = await ok(store.watchesOn(bob.id, teamId, boardId));
      expect(mine.board).toBe(true);
      expect([...mine.cards].sort()).toEqual([c1, c2].sort());
      await ok(store.unwatch(bob.id, { teamId, boardId, cardId: null }));
      await ok(store.unwatch(bob.id, { teamId, boardId, cardId: c1 }));
      await ok(store.unwatch(bob.id, { teamId, boardId, cardId: c1 }));
      expect(await ok(store.watchesOn(bob.id, teamId, boardId))).toEqual({ board: false, cards: [c2] });
    });

    it("forgets every watch on a deleted board and its cards, and nobody's on other boards", async () => {
      const [bob, eve] = [await person(), await person()];
      const other = newId();
      const card = newId();
      await ok(store.watch(bob.id, { teamId, boardId, cardId: null }));
      await ok(store.watch(eve.id, { teamId, boardId, cardId: card }));
      await ok(store.watch(bob.id, { teamId, boardId: other, cardId: null }));
      await ok(store.forgetBoard(teamId, boardId));
      expect(await ok(store.watchersOf(teamId, boardId, card))).toEqual({ board: [], card: [] });
      expect(await ok(store.watchesOn(eve.id, teamId, boardId))).toEqual({ board: false, cards: [] });
      expect((await ok(store.watchersOf(teamId, other, null))).board).toEqual([bob.id]);
    });

    it('names who watches a board and who watches one of its cards', async () => {
      const [bob, cid, dan] = [await person(), await person(), await person()];
      const card = newId();
      await ok(store.watch(bob.id, { teamId, boardId, cardId: null }));
      await ok(store.watch(cid.id, { teamId, boardId, cardId: card }));
      await ok(store.watch(dan.id, { teamId, boardId, cardId: newId() }));
      await ok(store.watch(dan.id, { teamId, boardId: newId(), cardId: null }));
      expect(await ok(store.watchersOf(teamId, boardId, card))).toEqual({ board: [bob.id], card: [cid.id] });
      expect(await ok(store.watchersOf(teamId, boardId, null))).toEqual({ board: [bob.id], card: [] });
    });

    it('keeps one person’s watches apart from another’s', async () => {
      const [bob, cid] = [await person(), await person()];
      await ok(store.watch(bob.id, { teamId, boardId, cardId: null }));
      expect(await ok(store.watchesOn(cid.id, teamId, boardId))).toEqual({ board: false, cards: [] });
    });
  });
};
