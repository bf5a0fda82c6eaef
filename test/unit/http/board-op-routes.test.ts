import pino from 'pino';
import request from 'supertest';
import type { Application } from '../../../src/application/api';
import { createHttpApp } from '../../../src/adapters/http/app';
import { buildMemoryApp } from '../../support/memory-app';

const refused = () => {
  throw new Error('a REST route called a narrow use case instead of boards.apply');
};

/** The application with every narrow board-change use case refusing to run, and `apply` recording each op. */
const onlyThroughApply = (app: Application, seen: unknown[]): Application => ({
  ...app,
  boards: {
    ...app.boards,
    update: refused,
    apply: (actor, target, op, origin) => {
      seen.push(op);
      return app.boards.apply(actor, target, op, origin);
    },
  },
  lists: { create: refused, update: refused, move: refused, delete: refused },
  cards: { create: refused, update: refused, move: refused, delete: refused },
  comments: { ...app.comments, create: refused },
});

describe('the board-change routes', () => {
  it('each builds one BoardOp and applies it, answering as before', async () => {
    const seen: unknown[] = [];
    const http = createHttpApp(onlyThroughApply(buildMemoryApp().app, seen), {
      allowedOrigins: [],
      cookieSecure: false,
      logger: pino({ level: 'silent' }),
    });
    const signUp = await request(http)
      .post('/api/auth/signup')
      .send({ email: 'ann@example.com', password: 'correct horse battery', name: 'Ann' });
    const auth = { Authorization: `Bearer ${signUp.body.accessToken as string}` };
    const team = (await request(http).post('/api/teams').set(auth).send({ name: 'Acme' })).body.team.id as string;
    const base = `/api/teams/${team}/boards/${(await request(http).post(`/api/teams/${team}/boards`).set(auth).send({ title: 'Plan' })).body.board.id as string}`;
    const send = (method: 'post' | 'patch' | 'delete', path: string, body?: object) =>
      request(http)[method](`${base}${path}`).set(auth).send(body);

    const list = await send('post', '/lists', { title: 'To do' });
    const listId = list.body.list.id as string;
    const card = await send('post', '/cards', { listId, title: 'Fix login' });
    const cardId = card.body.card.id as string;
    const answers = [
      list,
      card,
      await send('patch', '', { title: 'Plan B' }),
      await send('patch', `/lists/${listId}`, { title: 'Doing' }),
      await send('post', `/lists/${listId}/move`, {}),
      await send('patch', `/cards/${cardId}`, { archived: false, title: 'Fix sign-in' }),
      await send('post', `/cards/${cardId}/move`, { toListId: listId }),
      await send('post', `/cards/${cardId}/comments`, { body: 'On it' }),
      await send('delete', `/cards/${cardId}`),
      await send('delete', `/lists/${listId}`),
    ];

    expect(answers.map((r) => r.status)).toEqual([201, 201, 200, 200, 200, 200, 200, 201, 200, 200]);
    expect(
      answers.map((r) =>
        Object.keys(r.body as object)
          .sort()
          .join(','),
      ),
    ).toEqual([
      'list,seq',
      'card,seq',
      'board,seq',
      'list,seq',
      'list,seq',
      'card,seq',
      'card,seq',
      'comment,seq',
      'deleted,seq',
      'deleted,seq',
    ]);
    expect(seen).toEqual([
      { kind: 'list.create', title: 'To do' },
      { kind: 'card.create', listId, title: 'Fix login' },
      { kind: 'board.update', title: 'Plan B' },
      { kind: 'list.update', listId, title: 'Doing' },
      { kind: 'list.move', listId },
      { kind: 'card.update', cardId, archived: false, title: 'Fix sign-in' },
      { kind: 'card.move', cardId, toListId: listId },
      { kind: 'comment.create', cardId, body: 'On it' },
      { kind: 'card.delete', cardId },
      { kind: 'list.delete', listId },
    ]);
  });
});
