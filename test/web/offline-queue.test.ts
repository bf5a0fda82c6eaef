/**
 * @jest-environment node
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardsOfList } from '../../src/domain/board-state';
import { createHttpApp } from '../../src/adapters/http/app';
import { createLogger } from '../../src/adapters/observability/logger';
import { ApiClient } from '../../web/src/api/client';
import { createBoardStore } from '../../web/src/sync/board-store';
import { SyncEngine } from '../../web/src/sync/engine';
import { newId } from '../../web/src/sync/ids';
import { memoryStorage, type KeyValueStorage } from '../../web/src/sync/storage';
import { restTransport } from '../../web/src/sync/transport';
import { buildMemoryApp } from '../support/memory-app';

/** The network between the browser and the real server: up, down, or losing every answer. */
type Network = 'up' | 'down' | 'answers-lost';
let network: Network = 'up';
const wire: typeof fetch = async (...args) => {
  if (network === 'down') throw new TypeError('Failed to fetch');
  const res = await fetch(...args);
  if (network === 'answers-lost') throw new TypeError('Connection reset');
  return res;
};

let server: Server;
let api: ApiClient;
let userId: string;
let teamId: string;

beforeAll(async () => {
  const { app } = buildMemoryApp();
  const http = createHttpApp(app, {
    allowedOrigins: [],
    cookieSecure: false,
    logger: createLogger({ level: 'silent' }),
  });
  server = await new Promise<Server>((resolve) => {
    const s = http.listen(0, () => resolve(s));
  });
  api = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, wire);
  const session = await api.request<{ user: { id: string }; accessToken: string }>('POST', '/api/auth/signup', {
    body: { email: 'queue@example.com', password: 'correct horse battery', name: 'Queue' },
  });
  api.setAccessToken(session.accessToken);
  userId = session.user.id;
  teamId = (await api.request<{ team: { id: string } }>('POST', '/api/teams', { body: { name: 'Offline' } })).team.id;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  network = 'up';
});

/** A board with one list, and a browser tab (store + engine) opened on it. */
const boardWithList = async () => {
  const { board } = await api.request<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    body: { title: 'Trip' },
  });
  const { list } = await api.request<{ list: { id: string } }>(
    'POST',
    `/api/teams/${teamId}/boards/${board.id}/lists`,
    { body: { title: 'To Do' } },
  );
  return { boardId: board.id, listId: list.id };
};

const openTab = (boardId: string, storage: KeyValueStorage) => {
  const store = createBoardStore({ teamId, boardId, editor: { actor: userId, clientId: `http:${userId}` }, storage });
  const engine = new SyncEngine(store, restTransport(api, teamId, boardId, userId), { retryMs: 60_000 });
  return { store, engine };
};

const serverTitles = async (boardId: string, listId: string) => {
  const snap = await api.request<{ cards: { title: string; listId: string }[] }>(
    'GET',
    `/api/teams/${teamId}/boards/${boardId}`,
  );
  return snap.cards.filter((c) => c.listId === listId).map((c) => c.title);
};

test('edits made offline wait in the queue, survive a reload and reach the server exactly once', async () => {
  const { boardId, listId } = await boardWithList();
  const storage = memoryStorage();
  const tab = openTab(boardId, storage);
  await tab.engine.start();

  network = 'down';
  tab.store.getState().mutate({ kind: 'card.create', id: newId(), listId, title: 'Pack bags' });
  tab.store.getState().mutate({ kind: 'card.create', id: newId(), listId, title: 'Book train' });
  await tab.engine.flush();
  tab.engine.stop();

  expect(tab.store.getState().connection).toBe('offline');
  expect(tab.store.getState().pending).toHaveLength(2);
  network = 'up';
  expect(await serverTitles(boardId, listId)).toEqual([]);

  const reopened = openTab(boardId, storage);
  await reopened.engine.start();
  reopened.engine.stop();

  expect(reopened.store.getState().pending).toHaveLength(0);
  expect(await serverTitles(boardId, listId)).toEqual(['Pack bags', 'Book train']);
  expect(cardsOfList(reopened.store.getState().view!, listId).map((c) => c.title)).toEqual(['Pack bags', 'Book train']);
});

test('a mutation whose answer was lost is replayed without being applied twice', async () => {
  const { boardId, listId } = await boardWithList();
  const tab = openTab(boardId, memoryStorage());
  await tab.engine.start();

  network = 'answers-lost';
  tab.store.getState().mutate({ kind: 'card.create', id: newId(), listId, title: 'Only once' });
  await tab.engine.flush();
  expect(tab.store.getState().pending).toHaveLength(1);

  network = 'up';
  await tab.engine.start();
  tab.engine.stop();

  expect(await serverTitles(boardId, listId)).toEqual(['Only once']);
  expect(tab.store.getState().pending).toHaveLength(0);
  expect(Object.values(tab.store.getState().view!.cards).map((c) => c.title)).toEqual(['Only once']);
});

test('a refused mutation is rolled back with a message', async () => {
  const { boardId, listId } = await boardWithList();
  const tab = openTab(boardId, memoryStorage());
  await tab.engine.start();

  tab.store.getState().mutate({ kind: 'card.move', cardId: newId(), toListId: listId });
  tab.store.getState().mutate({ kind: 'card.create', id: newId(), listId, title: 'Still saved' });
  await tab.engine.flush();
  tab.engine.stop();

  expect(tab.store.getState().notice).toMatch(/could not be saved/);
  expect(tab.store.getState().pending).toHaveLength(0);
  expect(await serverTitles(boardId, listId)).toEqual(['Still saved']);
});
