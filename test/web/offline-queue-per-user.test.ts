/**
 * @jest-environment node
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../src/adapters/http/app';
import { createLogger } from '../../src/adapters/observability/logger';
import { ApiClient } from '../../web/src/api/client';
import { createBoardStore } from '../../web/src/sync/board-store';
import { SyncEngine } from '../../web/src/sync/engine';
import { newId } from '../../web/src/sync/ids';
import { clearUserData, memoryStorage, unsyncedBoards, type KeyValueStorage } from '../../web/src/sync/storage';
import { syncPending } from '../../web/src/sync/sync-pending';
import { restTransport } from '../../web/src/sync/transport';
import { buildMemoryApp } from '../support/memory-app';

/** The network between the browser and the real server: up or down. */
let online = true;
const wire: typeof fetch = async (...args) => {
  if (!online) throw new TypeError('Failed to fetch');
  return fetch(...args);
};

interface Person {
  readonly id: string;
  readonly email: string;
  readonly token: string;
}

let server: Server;
let base: string;
let teamId: string;
let bea: Person;
let abe: Person;
/** The one API client of the shared browser; whoever signed in last holds its token. */
let api: ApiClient;

const signUp = async (name: string): Promise<Person> => {
  const client = new ApiClient(base, wire);
  const s = await client.request<{ user: { id: string }; accessToken: string }>('POST', '/api/auth/signup', {
    body: { email: `${name}@example.com`, password: 'correct horse battery', name },
  });
  return { id: s.user.id, email: `${name}@example.com`, token: s.accessToken };
};

/** `owner` invites `user`, who accepts: membership needs consent. */
const join = async (owner: Person, user: Person) => {
  const { invitation } = await as(owner).request<{ invitation: { id: string } }>(
    'POST',
    `/api/teams/${teamId}/invitations`,
    { body: { email: user.email, role: 'member' } },
  );
  await as(user).request('POST', `/api/me/invitations/${invitation.id}/accept`);
};

const as = (p: Person) => {
  const client = new ApiClient(base, wire);
  client.setAccessToken(p.token);
  return client;
};

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
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [bea, abe] = [await signUp('bea'), await signUp('abe')];
  teamId = (await as(bea).request<{ team: { id: string } }>('POST', '/api/teams', { body: { name: 'Shared' } })).team
    .id;
  await join(bea, abe);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  online = true;
  api = new ApiClient(base, wire);
});

const boardWithList = async () => {
  const owner = as(bea);
  const { board } = await owner.request<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    body: { title: 'Shared desk' },
  });
  const { list } = await owner.request<{ list: { id: string } }>(
    'POST',
    `/api/teams/${teamId}/boards/${board.id}/lists`,
    {
      body: { title: 'To Do' },
    },
  );
  return { boardId: board.id, listId: list.id };
};

/** A tab of `user` on the shared browser: their store and an engine that talks through the shared client. */
const tabOf = (user: Person, boardId: string, storage: KeyValueStorage) => {
  const store = createBoardStore({ teamId, boardId, editor: { actor: user.id, clientId: `http:${user.id}` }, storage });
  const engine = new SyncEngine(store, restTransport(api, teamId, boardId, user.id), { retryMs: 60_000 });
  return { store, engine };
};

const serverCards = async (boardId: string) =>
  (
    await as(bea).request<{ cards: { title: string; createdBy: string }[] }>(
      'GET',
      `/api/teams/${teamId}/boards/${boardId}`,
    )
  ).cards;

/** Bea, offline on the shared browser, adds a card; her tab is then closed. */
const beaQueuesACardOffline = async (storage: KeyValueStorage) => {
  const { boardId, listId } = await boardWithList();
  api.setAccessToken(bea.token);
  const tab = tabOf(bea, boardId, storage);
  await tab.engine.start();
  online = false;
  tab.store.getState().mutate({ kind: 'card.create', id: newId(), listId, title: 'Bea wrote this offline' });
  await tab.engine.flush();
  tab.engine.stop();
  online = true;
  return { boardId, listId };
};

describe('the offline queue on a shared browser', () => {
  test('a queue written by one user is never sent under another user’s session', async () => {
    const storage = memoryStorage();
    const { boardId } = await beaQueuesACardOffline(storage);

    api.setAccessToken(abe.token);
    const stale = tabOf(bea, boardId, storage);
    await stale.engine.start();
    stale.engine.stop();

    expect(await serverCards(boardId)).toEqual([]);
    expect(unsyncedBoards(storage, bea.id)).toEqual([{ userId: bea.id, teamId, boardId, count: 1 }]);
  });

  test('another user opening the same board on the same browser sees none of the first user’s queue', async () => {
    const storage = memoryStorage();
    const { boardId } = await beaQueuesACardOffline(storage);

    api.setAccessToken(abe.token);
    const abesTab = tabOf(abe, boardId, storage);
    expect(abesTab.store.getState().pending).toEqual([]);
    await abesTab.engine.start();
    abesTab.engine.stop();

    expect(Object.values(abesTab.store.getState().view!.cards)).toEqual([]);
    expect(await serverCards(boardId)).toEqual([]);
    expect(unsyncedBoards(storage, abe.id)).toEqual([]);
  });

  test('the queue is sent once its owner signs in again, as its owner', async () => {
    const storage = memoryStorage();
    const { boardId } = await beaQueuesACardOffline(storage);

    api.setAccessToken(bea.token);
    expect(await syncPending({ api, storage, userId: bea.id })).toBe(0);

    expect(await serverCards(boardId)).toEqual([
      expect.objectContaining({ title: 'Bea wrote this offline', createdBy: bea.id }),
    ]);
  });

  test('syncing before logout reports the changes it could not send while offline', async () => {
    const storage = memoryStorage();
    const { boardId } = await beaQueuesACardOffline(storage);

    online = false;
    api.setAccessToken(bea.token);
    expect(await syncPending({ api, storage, userId: bea.id })).toBe(1);
    online = true;
    expect(await serverCards(boardId)).toEqual([]);
  });

  test('clearing one user’s data on logout leaves other users’ queues untouched', async () => {
    const storage = memoryStorage();
    const { boardId, listId } = await beaQueuesACardOffline(storage);
    api.setAccessToken(abe.token);
    const abesTab = tabOf(abe, boardId, storage);
    await abesTab.engine.start();
    online = false;
    abesTab.store.getState().mutate({ kind: 'card.create', id: newId(), listId, title: 'Abe wrote this' });
    await abesTab.engine.flush();
    abesTab.engine.stop();

    clearUserData(storage, bea.id);

    expect(unsyncedBoards(storage, bea.id)).toEqual([]);
    expect(tabOf(bea, boardId, storage).store.getState().confirmed).toBeNull();
    expect(unsyncedBoards(storage, abe.id)).toEqual([{ userId: abe.id, teamId, boardId, count: 1 }]);
  });
});

describe('a board the user cannot open', () => {
  test('an unknown board is denied instead of retried forever, and nothing of it is kept', async () => {
    const storage = memoryStorage();
    api.setAccessToken(abe.token);
    const tab = tabOf(abe, newId(), storage);
    await tab.engine.start();

    expect(tab.store.getState().access).toBe('denied');
    expect(tab.store.getState().connection).not.toBe('offline');
    expect(storage.length).toBe(0);
  });

  test('a member removed from the team loses the board and its stored copy at the next contact', async () => {
    const storage = memoryStorage();
    const { boardId } = await boardWithList();
    const carl = await signUp(`carl-${newId().slice(0, 8)}`);
    await join(bea, carl);
    api.setAccessToken(carl.token);
    const tab = tabOf(carl, boardId, storage);
    await tab.engine.start();
    expect(tab.store.getState().access).toBe('granted');
    expect(storage.length).toBeGreaterThan(0);

    await as(bea).request('DELETE', `/api/teams/${teamId}/members/${carl.id}`);
    await tab.engine.resync();

    expect(tab.store.getState().access).toBe('denied');
    expect(tab.store.getState().view).toBeNull();
    expect(storage.length).toBe(0);
  });
});
