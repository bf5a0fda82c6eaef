/**
 * @jest-environment jsdom
 */
import { cardsOfList } from '../../src/domain/board-state';
import { createBoardStore } from '../../web/src/sync/board-store';
import { memoryStorage, unsyncedBoards, type KeyValueStorage } from '../../web/src/sync/storage';
import { ALICE, BOARD, BOB, TEAM, done, fixLogin, movedEvent, sampleState, shipIt, todo, writeDocs } from './fixtures';

const editor = { actor: ALICE, clientId: `http:${ALICE}` };
const bobEditor = { actor: BOB, clientId: `http:${BOB}` };
const titles = (s: ReturnType<typeof sampleState> | null, listId: string) =>
  s ? cardsOfList(s, listId).map((c) => c.title) : [];

const loaded = (storage: KeyValueStorage = memoryStorage()) => {
  const store = createBoardStore({
    boardId: sampleState().board.id,
    editor,
    storage,
    now: () => '2025-01-15T10:00:00.000Z',
  });
  store.getState().loadSnapshot(sampleState());
  return store;
};

describe('the board store', () => {
  test('a move shows at once, placed between its new neighbours by the shared reducer', () => {
    const store = loaded();
    store.getState().mutate({ kind: 'card.move', cardId: fixLogin.id, toListId: done.id, beforeCardId: shipIt.id });

    const { view, confirmed, pending } = store.getState();
    expect(titles(view, done.id)).toEqual(['Fix login', 'Ship it']);
    expect(titles(view, todo.id)).toEqual(['Write docs']);
    expect(titles(confirmed, done.id)).toEqual(['Ship it']);
    expect(pending).toHaveLength(1);
  });

  test('a pending move is replayed on top of another user’s event that arrives first', () => {
    const store = loaded();
    store.getState().mutate({ kind: 'card.move', cardId: fixLogin.id, toListId: done.id });
    store.getState().receive([movedEvent(11, writeDocs, done.id, 'a1')]);

    expect(titles(store.getState().confirmed, done.id)).toEqual(['Ship it', 'Write docs']);
    expect(titles(store.getState().view, done.id)).toEqual(['Ship it', 'Write docs', 'Fix login']);
  });

  test('a mutation is confirmed by its own event and shown exactly once', () => {
    const store = loaded();
    const mid = store.getState().mutate({ kind: 'card.move', cardId: fixLogin.id, toListId: done.id });
    store.getState().ack(mid, 11);
    expect(store.getState().pending).toHaveLength(1);

    store.getState().receive([movedEvent(11, fixLogin, done.id, 'a1', { clientId: editor.clientId, mid })]);

    expect(store.getState().pending).toHaveLength(0);
    expect(titles(store.getState().view, done.id)).toEqual(['Ship it', 'Fix login']);
  });

  test('a nack rolls the change back and says why', () => {
    const store = loaded();
    const mid = store.getState().mutate({ kind: 'card.update', cardId: fixLogin.id, title: 'Fix login now' });
    expect(store.getState().view?.cards[fixLogin.id]?.title).toBe('Fix login now');

    store.getState().nack(mid, { code: 'forbidden', message: 'Viewers cannot edit cards' });

    expect(store.getState().view?.cards[fixLogin.id]?.title).toBe('Fix login');
    expect(store.getState().pending).toHaveLength(0);
    expect(store.getState().notice).toContain('Viewers cannot edit cards');
  });

  test('a missing event is reported as a gap and nothing after it is applied', () => {
    const store = loaded();
    expect(store.getState().receive([movedEvent(12, writeDocs, done.id, 'a1')])).toBe('gap');
    expect(store.getState().confirmed?.seq).toBe(10);
  });

  test('pending mutations and the confirmed board survive a reload', () => {
    const storage = memoryStorage();
    loaded(storage).getState().mutate({
      kind: 'card.create',
      id: '00000000-0000-4000-8000-000000000999',
      listId: todo.id,
      title: 'Written offline',
    });

    const reloaded = createBoardStore({ boardId: sampleState().board.id, editor, storage });

    expect(reloaded.getState().pending).toHaveLength(1);
    expect(titles(reloaded.getState().view, todo.id)).toEqual(['Fix login', 'Write docs', 'Written offline']);
  });

  test('the browser’s localStorage holds the offline queue, under the user who made it', () => {
    const store = createBoardStore({ teamId: TEAM, boardId: BOARD, editor, storage: localStorage });
    store.getState().loadSnapshot(sampleState());
    store.getState().mutate({ kind: 'list.create', id: '00000000-0000-4000-8000-000000000998', title: 'Later' });

    expect(unsyncedBoards(localStorage, ALICE)).toEqual([{ userId: ALICE, teamId: TEAM, boardId: BOARD, count: 1 }]);
    expect(unsyncedBoards(localStorage, BOB)).toEqual([]);
    expect(
      createBoardStore({ teamId: TEAM, boardId: BOARD, editor: bobEditor, storage: localStorage }).getState(),
    ).toMatchObject({ confirmed: null, pending: [] });
  });
  test('a board just opened is stored at once, so a reload straight after still finds it offline', () => {
    const storage = memoryStorage();
    const store = createBoardStore({ teamId: TEAM, boardId: BOARD, editor, storage, persistDelayMs: 60_000 });
    store.getState().loadSnapshot(sampleState());
    store.getState().receive([movedEvent(11, writeDocs, done.id, 'a1')]);

    expect(createBoardStore({ teamId: TEAM, boardId: BOARD, editor, storage }).getState().confirmed?.seq).toBe(10);
    store.getState().persistNow();
    expect(createBoardStore({ teamId: TEAM, boardId: BOARD, editor, storage }).getState().confirmed?.seq).toBe(11);
  });
});
