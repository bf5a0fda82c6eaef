import type { Card } from '../../src/domain/board';
import { assignedCards } from '../../web/src/board/card-model/assigned';
import { ALICE, BOB, board, done, fixLogin, shipIt, todo, writeDocs } from './fixtures';

const mine = (c: Card, extra: Partial<Card> = {}): Card => ({ ...c, assignees: [ALICE], ...extra });

describe('the cards assigned to me across a team’s boards', () => {
  test('lists only my open cards on open lists, soonest due first and undated last', () => {
    const snapshot = {
      board,
      lists: [todo, { ...done, archived: true }],
      cards: [
        mine(fixLogin),
        mine(writeDocs, { dueAt: '2026-01-02T00:00:00.000Z' }),
        { ...fixLogin, id: 'x' as Card['id'], title: 'Bob’s', assignees: [BOB] },
        mine(shipIt),
        mine({ ...writeDocs, id: 'y' as Card['id'], title: 'Archived' }, { archived: true }),
      ],
    };
    const rows = assignedCards([snapshot], ALICE, 'UTC');
    expect(rows.map((r) => [r.card.title, r.listTitle])).toEqual([
      ['Write docs', 'To Do'],
      ['Fix login', 'To Do'],
    ]);
  });
});
