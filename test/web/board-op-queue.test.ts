import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import * as codecs from '../../src/adapters/http/codecs';
import type { BoardOpInput } from '../../src/domain/board-op';
import { provisionalEvent, upgradeStoredOp } from '../../web/src/sync/ops';
import { restRequest } from '../../web/src/sync/transport';
import { fixLogin, sampleState, shipIt, todo } from './fixtures';

const base = '/api/teams/t/boards/b';
const ctx = { actor: '00000000-0000-4000-8000-0000000000a1', at: '2025-01-15T10:00:00.000Z' };
const newCard = '00000000-0000-4000-8000-000000000999';
const other = '00000000-0000-4000-8000-000000000998';

// Each op, the route the server serves for it, and the codec that route decodes its body with.
const CASES: readonly [BoardOpInput, string, string, t.Decoder<unknown, unknown> | null][] = [
  [{ kind: 'board.update', title: 'Roadmap' }, 'PATCH', base, codecs.UpdateBoardBody],
  [{ kind: 'list.create', id: other, title: 'Later' }, 'POST', `${base}/lists`, codecs.CreateListBody],
  [
    { kind: 'list.update', listId: todo.id, archived: true },
    'PATCH',
    `${base}/lists/${todo.id}`,
    codecs.UpdateListBody,
  ],
  [
    { kind: 'list.move', listId: todo.id, afterListId: other },
    'POST',
    `${base}/lists/${todo.id}/move`,
    codecs.MoveListBody,
  ],
  [{ kind: 'list.delete', listId: todo.id }, 'DELETE', `${base}/lists/${todo.id}`, null],
  [{ kind: 'card.create', id: newCard, listId: todo.id, title: 'New' }, 'POST', `${base}/cards`, codecs.CreateCardBody],
  [
    { kind: 'card.update', cardId: fixLogin.id, labels: ['bug'] },
    'PATCH',
    `${base}/cards/${fixLogin.id}`,
    codecs.UpdateCardBody,
  ],
  [
    { kind: 'card.move', cardId: fixLogin.id, toListId: todo.id, beforeCardId: other },
    'POST',
    `${base}/cards/${fixLogin.id}/move`,
    codecs.MoveCardBody,
  ],
  [{ kind: 'card.delete', cardId: fixLogin.id }, 'DELETE', `${base}/cards/${fixLogin.id}`, null],
  [
    { kind: 'comment.create', cardId: fixLogin.id, id: other, body: 'Hi' },
    'POST',
    `${base}/cards/${fixLogin.id}/comments`,
    codecs.CreateCommentBody,
  ],
];

describe('the offline queue’s board ops', () => {
  test.each(CASES.map((c) => [c[0].kind, ...c] as const))(
    'a %s goes to its route with a body the server’s codec accepts',
    (_kind, op, method, path, codec) => {
      const request = restRequest(base, op);
      expect({ method: request.method, path: request.path }).toEqual({ method, path });
      if (codec === null) expect(request.body).toBeUndefined();
      else expect(E.isRight(codec.decode(request.body))).toBe(true);
    },
  );

  test('an op leaves out fields it does not set, so the server sees only what changed', () => {
    expect(restRequest(base, { kind: 'card.move', cardId: fixLogin.id, toListId: todo.id }).body).toEqual({
      toListId: todo.id,
    });
  });

  test('ops queued by the previous version of the app are sent in today’s spelling', () => {
    expect(upgradeStoredOp({ kind: 'card.create', cardId: newCard, listId: todo.id, title: 'Old' })).toEqual({
      kind: 'card.create',
      id: newCard,
      listId: todo.id,
      title: 'Old',
    });
    expect(upgradeStoredOp({ kind: 'card.update', cardId: fixLogin.id, changes: { title: 'Renamed' } })).toEqual({
      kind: 'card.update',
      cardId: fixLogin.id,
      title: 'Renamed',
    });
    expect(upgradeStoredOp({ kind: 'list.create', listId: other, title: 'Old list' })).toEqual({
      kind: 'list.create',
      id: other,
      title: 'Old list',
    });
    expect(upgradeStoredOp({ kind: 'comment.create', commentId: other, cardId: fixLogin.id, body: 'Hi' })).toEqual({
      kind: 'comment.create',
      id: other,
      cardId: fixLogin.id,
      body: 'Hi',
    });
    const today: BoardOpInput = { kind: 'card.move', cardId: fixLogin.id, toListId: todo.id };
    expect(upgradeStoredOp(today)).toEqual(today);
  });

  test('the optimistic view refuses what the server’s codec would refuse', () => {
    const bad = { kind: 'card.update', cardId: fixLogin.id, title: 'a\u0000b' } as BoardOpInput;
    expect(E.isLeft(provisionalEvent(sampleState(), bad, ctx))).toBe(true);
    const good = { kind: 'card.update', cardId: fixLogin.id, title: 'Fine' } as BoardOpInput;
    expect(E.isRight(provisionalEvent(sampleState(), good, ctx))).toBe(true);
  });

  test('a move placed after a card that has just left the list is predicted where the server puts it: the end', () => {
    const gone = '00000000-0000-4000-8000-0000000000ff';
    const op: BoardOpInput = { kind: 'card.move', cardId: shipIt.id, toListId: todo.id, afterCardId: gone };
    const predicted = provisionalEvent(sampleState(), op, ctx);
    expect(E.isRight(predicted) && predicted.right.kind === 'card.moved' && predicted.right.data.rank > 'a1').toBe(
      true,
    );
  });
});
