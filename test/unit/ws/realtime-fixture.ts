import pino from 'pino';
import type { Actor, Application } from '../../../src/application/api';
import type { EventSubscriber } from '../../../src/application/ports/realtime';
import type { Connection } from '../../../src/adapters/ws/connection';
import { createRealtime, type Realtime, type RealtimeOptions } from '../../../src/adapters/ws/realtime-server';
import { sessionVerifier } from '../../../src/adapters/ws/session';
import { TestSocketPair } from '../../../src/adapters/ws/test-socket-pair';
import type { BoardId, ListId, Role, TeamId } from '../../../src/domain';
import { email, ok, password, personName, quickApp, title } from '../application/fixtures';
import type { MemoryApp } from '../../support/memory-app';

/** A user with the access token a socket authenticates with, and the refresh token of that session. */
export interface TestUser {
  readonly actor: Actor;
  readonly token: string;
  readonly refreshToken: string;
}

export const signUpWithToken = async (app: Application, name: string): Promise<TestUser> => {
  const session = await ok(
    app.auth.signUp({
      email: email(`${name.toLowerCase()}@example.com`),
      password: password('correct horse battery'),
      name: personName(name),
    }),
  );
  return { actor: { userId: session.user.id }, token: session.accessToken, refreshToken: session.refreshToken };
};

/** One client socket on the in-memory pair, with the helpers the tests read frames through. */
export class TestClient {
  readonly pair = new TestSocketPair();
  readonly connection: Connection;

  constructor(realtime: Realtime) {
    this.connection = realtime.accept(this.pair.server);
  }

  /** Sends a frame and waits until the server has handled everything. */
  async send(frame: unknown): Promise<void> {
    this.pair.send(frame);
    await this.settle();
  }

  /** Waits for the connection's queued work and anything it scheduled in turn. */
  async settle(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      await this.connection.idle();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Reads everything the server sent so far and returns every frame read since the start. */
  frames(): Record<string, unknown>[] {
    this.pair.flushToClient();
    return this.pair.received as Record<string, unknown>[];
  }

  ofType(type: string): Record<string, unknown>[] {
    return this.frames().filter((f) => f.type === type);
  }

  /** The seqs of the event frames received for a board, in arrival order. */
  eventSeqs(boardId: string): number[] {
    return this.ofType('event')
      .filter((f) => f.boardId === boardId)
      .map((f) => f.seq as number);
  }

  async authenticate(user: TestUser): Promise<void> {
    await this.send({ type: 'auth', token: user.token });
  }
}

export interface World {
  readonly memory: MemoryApp;
  readonly app: Application;
  readonly owner: TestUser;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly listId: ListId;
  readonly realtime: Realtime;
  /** A new socket, authenticated as `user` (the owner by default). */
  readonly connect: (user?: TestUser) => Promise<TestClient>;
  readonly join: (name: string, role: Role) => Promise<TestUser>;
  /** Creates a card at the end of the board's list through the application (the REST path). */
  readonly addCard: (name: string) => Promise<number>;
}

export const silentLogger = pino({ level: 'silent' });

/**
 * Alice owns a team with a board that has one list, and a real-time service over the in-memory bus
 * that obeys the in-memory control bus; sockets read the app's manual clock unless told otherwise.
 */
export const world = async (
  options: Partial<Omit<RealtimeOptions, 'application'>> & {
    wrapBus?: (bus: EventSubscriber) => EventSubscriber;
    wrapApp?: (a: Application) => Application;
  } = {},
): Promise<World> => {
  const memory = quickApp();
  const { app } = memory;
  const owner = await signUpWithToken(app, 'Alice');
  const team = await ok(app.teams.create(owner.actor, { name: title('Acme') }));
  const board = await ok(app.boards.create(owner.actor, team.id, { title: title('Roadmap') }, null));
  const list = await ok(app.lists.create(owner.actor, team.id, board.value.id, { title: title('Todo') }, null));
  const bus = memory.deps.events;
  const subscriber: EventSubscriber = options.subscriber ?? (options.wrapBus ? options.wrapBus(bus) : bus);
  const application = options.wrapApp ? options.wrapApp(app) : app;
  const realtime = createRealtime({
    logger: silentLogger,
    now: () => memory.clock.now().getTime(),
    verifySession: sessionVerifier(application, memory.deps.accessTokens, memory.clock),
    ...options,
    subscriber,
    application,
  });
  memory.deps.control.onMessage((m) => realtime.obey(m));
  const connect = async (user = owner) => {
    const client = new TestClient(realtime);
    await client.authenticate(user);
    return client;
  };
  const join = async (name: string, role: Role) => {
    const user = await signUpWithToken(app, name);
    const invitation = await ok(
      app.invitations.invite(owner.actor, team.id, { email: email(`${name.toLowerCase()}@example.com`), role }),
    );
    await ok(app.invitations.accept(user.actor, invitation.id));
    return user;
  };
  const addCard = async (name: string) =>
    (
      await ok(
        app.cards.create(owner.actor, team.id, board.value.id, { listId: list.value.id, title: title(name) }, null),
      )
    ).seq;
  return {
    memory,
    app,
    owner,
    teamId: team.id,
    boardId: board.value.id,
    listId: list.value.id,
    realtime,
    connect,
    join,
    addCard,
  };
};

/**
 * Registers an `afterEach` that closes every world made in the test, and returns `track`, which
 * remembers a world for that.
 */
export const closingWorldsAfterEach = () => {
  const open: World[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.realtime.close()));
  });
  return async (w: Promise<World>): Promise<World> => {
    const made = await w;
    open.push(made);
    return made;
  };
};

/** A `mutate` frame for the world's board. */
export const mutateFrame = (w: World, mid: string, op: Record<string, unknown>, clientId = 'tab-1') => ({
  type: 'mutate',
  mid,
  clientId,
  teamId: w.teamId,
  boardId: w.boardId,
  op,
});
