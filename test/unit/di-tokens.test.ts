import { Container } from 'inversify';
import pino from 'pino';
import request from 'supertest';
import { configFromEnv } from '../../src/adapters/config/config';
import { TOKENS } from '../../src/adapters/tokens';
import type { BoardEventRecord, BoardId, TeamId } from '../../src/domain';
import type { Clock, ControlBus, UserRepository } from '../../src/application/ports';
import { buildContainer } from '../../src/composition-root';
import { eventually } from '../support/wait';

// The `@ts-expect-error` lines are the test of the typing: if a token stopped carrying its type, each
// would compile and `tsc --noEmit` (part of `npm test` and CI) would fail on the unused directive.
describe('typed container tokens', () => {
  it('a token hands back what was bound to it; binding or reading it as another type does not compile', () => {
    const container = new Container();
    const clock: Clock = { now: () => new Date(0) };
    container.bind(TOKENS.Clock).toConstantValue(clock);
    // @ts-expect-error a clock is not a user repository
    container.bind(TOKENS.Users).toConstantValue(clock);
    // @ts-expect-error nor is what a factory makes
    container.bind(TOKENS.Control).toDynamicValue((ctx) => ctx.get(TOKENS.Clock));

    const read = container.get(TOKENS.Clock);
    // @ts-expect-error what the Clock token holds is no user repository
    const users: UserRepository = container.get(TOKENS.Clock);
    // @ts-expect-error nor a control bus, whatever a resolution context is asked
    const control: ControlBus = container.get(TOKENS.Users);

    expect(read.now()).toEqual(new Date(0));
    // At run time a token is a symbol like any other: only the compiler stands between these and a bug.
    expect(users).toBe(clock);
    expect(control).toBe(clock);
  });

  it('the event bus the use cases publish to is the one sockets subscribe to', async () => {
    const container = buildContainer({
      config: configFromEnv({ STORAGE: 'memory' }),
      jwtSecret: 'di-tokens-test-secret-of-at-least-32-chars',
      logger: pino({ level: 'silent' }),
    });
    const http = container.get(TOKENS.HttpApp);
    const signup = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'bus@example.com', password: 'long enough password', name: 'Bus' });
    const auth = `Bearer ${signup.body.accessToken}`;
    const team = await request(http).post('/api/teams').set('Authorization', auth).send({ name: 'Bus' });
    const teamId = team.body.team.id as TeamId;
    const board = await request(http)
      .post(`/api/teams/${teamId}/boards`)
      .set('Authorization', auth)
      .send({ title: 'Heard' });
    const boardId = board.body.board.id as BoardId;
    const heard: BoardEventRecord[] = [];
    await container.get(TOKENS.Events).subscribe(teamId, boardId, (e) => heard.push(e))();

    const list = await request(http)
      .post(`/api/teams/${teamId}/boards/${boardId}/lists`)
      .set('Authorization', auth)
      .send({ title: 'To do' });

    expect(list.status).toBe(201);
    await eventually(() => expect(heard.map((e) => e.seq)).toEqual([list.body.seq]));
  });
});
