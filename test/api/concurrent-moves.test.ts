import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { perWindow } from '../../src/application/ports';
import type { BoardSnapshot } from '../../src/application/api';
import type { CardId, ListId } from '../../src/domain';
import { cheapHasher, email, ok, password, personName, title } from '../unit/application/fixtures';
import { startServer } from './helpers';

// Issue 13 measured 681 of 1,717 moves refused `not_found` under 50 concurrent movers: each had been
// placed after a neighbour that had just moved to another list.
const MOVERS = 50;
const LISTS = 3;

describe('50 concurrent movers on one board', () => {
  const { app } = startServer({
    passwords: cheapHasher(),
    rateLimits: { mutationsPerUser: perWindow(100_000, 1) },
  });

  const setUp = async () => {
    const session = await ok(
      app.auth.signUp({
        email: email(`mover-${randomUUID()}@example.com`),
        password: password('correct horse battery'),
        name: personName('Mover'),
      }),
    );
    const actor = { userId: session.user.id };
    const team = await ok(app.teams.create(actor, { name: title('Movers') }));
    const board = (await ok(app.boards.create(actor, team.id, { title: title('Busy') }, null))).value;
    const lists: ListId[] = [];
    for (let i = 0; i < LISTS; i += 1) {
      lists.push((await ok(app.lists.create(actor, team.id, board.id, { title: title(`List ${i}`) }, null))).value.id);
    }
    const cards: CardId[] = [];
    for (let i = 0; i < MOVERS; i += 1) {
      const input = { listId: lists[i % LISTS]!, title: title(`Card ${i}`) };
      cards.push((await ok(app.cards.create(actor, team.id, board.id, input, null))).value.id);
    }
    return { actor, teamId: team.id, boardId: board.id, cards };
  };

  it('no move is refused because the neighbour it was placed after had just moved', async () => {
    const { actor, teamId, boardId, cards } = await setUp();
    const refusals: string[] = [];
    const placements: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      // Every mover decides from the same view; mover i goes right after card i+1, which mover i+1 is
      // moving to another list at the same moment.
      const view = await ok(app.boards.get(actor, teamId, boardId));
      const listOf = (id: CardId) => view.cards.find((c) => c.id === id)!.listId;
      const results = await Promise.all(
        cards.map((cardId, i) => {
          const anchor = cards[(i + 1) % MOVERS]!;
          const input = { toListId: listOf(anchor), position: { afterId: anchor } };
          return app.cards.move(actor, teamId, boardId, cardId, input, null)();
        }),
      );
      for (const r of results) {
        if (E.isLeft(r)) refusals.push(r.left.code);
        else if (r.right.event.kind === 'card.moved') placements.push(r.right.event.data.placement ?? 'none');
      }
    }
    expect(refusals).toEqual([]);
    expect(placements).toHaveLength(2 * MOVERS);
    expect(placements.some((p) => p === 'anchor_missing_end')).toBe(true);
    expectWholeBoard(await ok(app.boards.get(actor, teamId, boardId)), cards);
  }, 120_000);
});

/** Every card still on the board exactly once, in a list of the board, ranks strictly increasing per list. */
const expectWholeBoard = (board: BoardSnapshot, cards: readonly CardId[]): void => {
  expect(board.cards.map((c) => c.id).sort()).toEqual([...cards].sort());
  for (const list of board.lists) {
    const ranks = board.cards.filter((c) => c.listId === list.id).map((c) => c.rank);
    expect(ranks.every((r, i) => i === 0 || ranks[i - 1]! < r)).toBe(true);
  }
  expect(board.cards.every((c) => board.lists.some((l) => l.id === c.listId))).toBe(true);
};
