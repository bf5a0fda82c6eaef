import { BoardEngine } from '../../src/application/engine/board-engine';
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import pino from 'pino';
import request, { type Response } from 'supertest';
import { createHttpApp, type HttpAppOptions } from '../../src/adapters/http/app';
import type { Application } from '../../src/application/api';
import { makeApplication } from '../../src/application/make-application';
import {
  buildMemoryApp,
  mailOver,
  startNotifications,
  type MemoryApp,
  type MemoryAppOptions,
} from '../support/memory-app';
import { OutboxWakeup, type OutboxWorker } from '../../src/adapters/notifications/outbox-worker';
import { makePgNotificationOutbox } from '../../src/adapters/pg/notification-outbox';
import { makePgNotificationStore } from '../../src/adapters/pg/notification.store';
import { makePgWatchStore } from '../../src/adapters/pg/watch.store';
import type { NotificationOutbox } from '../../src/application/ports';
import { closePostgresPorts, deferredPort, openPostgresPorts } from '../support/postgres-app';

export const ALLOWED_ORIGIN = 'https://board.example.com';
export const PASSWORD = 'correct horse battery staple';

export interface TestServer {
  readonly app: Application;
  readonly clock: MemoryApp['clock'];
  readonly http: Express;
  /** What the application mailed (invitations, password resets). */
  readonly mailer: MemoryApp['deps']['mailer'];
  /** The control channel, to hear what every instance would be told. */
  readonly control: MemoryApp['deps']['control'];
  /** Turns committed board events into notifications (in memory or from the Postgres shards' outboxes). */
  readonly notifier: OutboxWorker;
}

/**
 * With BOARDROOM_API_STORAGE=postgres (the `api:postgres` jest project) users, teams and boards live on
 * a real catalog and three Postgres shards behind the shard router; otherwise everything is in memory.
 */
const onPostgres = process.env.BOARDROOM_API_STORAGE === 'postgres';
const notifiers: OutboxWorker[] = [];
if (onPostgres)
  afterAll(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop()));
    await closePostgresPorts();
  });

const buildApp = (opts: MemoryAppOptions): Omit<TestServer, 'http'> => {
  const memory = buildMemoryApp(opts);
  const { mailer, control } = memory.deps;
  if (!onPostgres) return { app: memory.app, clock: memory.clock, mailer, control, notifier: memory.worker };
  const pg = openPostgresPorts({ shards: 3 });
  // Every shard's outbox, drained in turn, once the cluster is up.
  const outboxes = pg.then((p) => [...p.rt.shards.values()].map(makePgNotificationOutbox));
  const allShards: NotificationOutbox = {
    drain: (limit, handle) => async () => {
      let handled = 0;
      for (const outbox of await outboxes) {
        const one = await outbox.drain(limit, handle)();
        if (one._tag === 'Left') return one;
        handled += one.right;
      }
      return { _tag: 'Right', right: handled };
    },
  };
  const wakeup = new OutboxWakeup();
  const boards = deferredPort(pg.then((p) => p.boards));
  const deps = {
    ...memory.deps,
    users: deferredPort(pg.then((p) => p.users)),
    teams: deferredPort(pg.then((p) => p.teams)),
    invitations: deferredPort(pg.then((p) => p.invitations)),
    boards,
    search: deferredPort(pg.then((p) => p.search)),
    engine: new BoardEngine(boards),
    blobs: deferredPort(pg.then((p) => p.rt.blobs)),
    notifications: deferredPort(pg.then((p) => makePgNotificationStore(p.rt.catalog))),
    watches: deferredPort(pg.then((p) => makePgWatchStore(p.rt.catalog))),
    events: wakeup.publishing(memory.deps.events),
  };
  const wired = { ...deps, ...mailOver(deps) };
  const notifier = startNotifications(wired, [allShards], { pollMs: 200, wakeup });
  notifiers.push(notifier);
  return { app: makeApplication(wired), clock: memory.clock, mailer, control, notifier };
};

/** The full HTTP app over the test storage and a manual clock; logs are silenced. */
export const startServer = (opts: MemoryAppOptions & Partial<HttpAppOptions> = {}): TestServer => {
  const memory = buildApp(opts);
  const http = createHttpApp(memory.app, {
    allowedOrigins: opts.allowedOrigins ?? [ALLOWED_ORIGIN],
    cookieSecure: opts.cookieSecure ?? false,
    logger: opts.logger ?? pino({ level: 'silent' }),
    ...(opts.bodyLimitBytes !== undefined && { bodyLimitBytes: opts.bodyLimitBytes }),
  });
  return { ...memory, http };
};

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly token: string;
  /** The `br_refresh=…` pair to send back as a Cookie header. */
  readonly refreshCookie: string;
}

/** The `br_refresh=value` pair from a response's Set-Cookie header, or null. */
export const refreshCookieOf = (res: Response): string | null => {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = (header ?? []).find((c) => c.startsWith('br_refresh='));
  return cookie ? (cookie.split(';')[0] ?? null) : null;
};

/** Signs up a user with a unique email through the API. */
export const signUp = async (http: Express, name = 'Alice'): Promise<TestUser> => {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const res = await request(http).post('/api/auth/signup').send({ email, password: PASSWORD, name });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const refreshCookie = refreshCookieOf(res);
  if (refreshCookie === null) throw new Error('sign-up set no refresh cookie');
  return { id: res.body.user.id, email, name, token: res.body.accessToken, refreshCookie };
};

/** Signs up one user per name, one after another, in the order given. */
export const signUpAll = async <Names extends string[]>(
  http: Express,
  ...names: Names
): Promise<{ [K in keyof Names]: TestUser }> => {
  const users: TestUser[] = [];
  for (const name of names) users.push(await signUp(http, name));
  return users as { [K in keyof Names]: TestUser };
};

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

/** Creates a team owned by `owner` and returns its id. */
export const createTeam = async (http: Express, owner: TestUser, name = 'Acme'): Promise<string> => {
  const res = await request(http).post('/api/teams').set(bearer(owner)).send({ name });
  if (res.status !== 201) throw new Error(`team creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.team.id;
};

/** Invites a user to a team with a role and returns the pending invitation's id. */
export const invite = async (http: Express, admin: TestUser, teamId: string, email: string, role: string) => {
  const res = await request(http).post(`/api/teams/${teamId}/invitations`).set(bearer(admin)).send({ email, role });
  if (res.status !== 201) throw new Error(`inviting failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.invitation.id as string;
};

/** Makes an existing user a member with a role the only way there is: invited, and accepting. */
export const addMember = async (http: Express, admin: TestUser, teamId: string, user: TestUser, role: string) => {
  const invitationId = await invite(http, admin, teamId, user.email, role);
  const res = await request(http).post(`/api/me/invitations/${invitationId}/accept`).set(bearer(user));
  if (res.status !== 200) throw new Error(`accepting failed: ${res.status} ${JSON.stringify(res.body)}`);
};

/** Creates a board and returns its URL prefix (`/api/teams/:teamId/boards/:boardId`) and id. */
export const createBoard = async (http: Express, user: TestUser, teamId: string, title = 'Roadmap') => {
  const res = await request(http).post(`/api/teams/${teamId}/boards`).set(bearer(user)).send({ title });
  if (res.status !== 201) throw new Error(`board creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { boardId: res.body.board.id as string, url: `/api/teams/${teamId}/boards/${res.body.board.id}` };
};

/** Creates a list on a board and returns its id. */
export const createList = async (http: Express, user: TestUser, boardUrl: string, title: string): Promise<string> => {
  const res = await request(http).post(`${boardUrl}/lists`).set(bearer(user)).send({ title });
  if (res.status !== 201) throw new Error(`list creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.list.id;
};

/**
 * Where most API suites start: a team owned by `owner`, with `members` added in their roles, and a
 * board with one list.
 */
export const seedBoard = async (
  http: Express,
  owner: TestUser,
  opts: { team?: string; members?: [TestUser, string][]; board?: string; list?: string } = {},
) => {
  const teamId = await createTeam(http, owner, opts.team);
  for (const [user, role] of opts.members ?? []) await addMember(http, owner, teamId, user, role);
  const board = await createBoard(http, owner, teamId, opts.board);
  const listId = await createList(http, owner, board.url, opts.list ?? 'To Do');
  return { teamId, board, listId };
};

/** Creates a card in a list and returns its id. */
export const createCard = async (http: Express, user: TestUser, boardUrl: string, listId: string, title: string) => {
  const res = await request(http).post(`${boardUrl}/cards`).set(bearer(user)).send({ listId, title });
  if (res.status !== 201) throw new Error(`card creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.card.id as string;
};

/** Asserts the uniform error body and status, and returns the error code. */
export const expectError = (res: Response, status: number, code?: string): string => {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { error: { code: code ?? expect.any(String), message: expect.any(String) } },
  });
  return res.body.error.code;
};
