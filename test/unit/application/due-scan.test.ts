import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { MemoryDueCards, MemorySchedulerRuns } from '../../../src/adapters/memory';
import { dueNotifications, scanDueCards } from '../../../src/application/notifications/due/scan-due-cards';
import {
  BoardOp,
  asUuid,
  type BoardOpInput,
  type BoardOpKind,
  type BoardOpOf,
  type NewNotification,
} from '../../../src/domain';
import { joinAs, ok, quickApp, teamWithBoard } from './fixtures';

const op = <K extends BoardOpKind>(input: Extract<BoardOpInput, { kind: K }>): BoardOpOf<K> => {
  const decoded = BoardOp.decode(input);
  if (E.isLeft(decoded)) throw new Error(`bad op in test: ${JSON.stringify(input)}`);
  return decoded.right as BoardOpOf<K>;
};

const HOUR = 3_600_000;

const setUp = async () => {
  const { app, deps, clock } = quickApp();
  const w = await teamWithBoard(app);
  const max = await joinAs(app, w, 'Max', 'member');
  const at = { teamId: w.teamId, boardId: w.boardId };
  const apply = <K extends BoardOpKind>(input: Extract<BoardOpInput, { kind: K }>) =>
    ok(app.boards.apply(w.owner, at, op(input), null));
  const list = await apply({ kind: 'list.create', title: 'To do' });
  /** A card assigned to Max, due `inMs` from now, with extra changes. */
  const card = async (title: string, inMs: number, extra: Record<string, unknown> = {}) => {
    const c = await apply({ kind: 'card.create', listId: list.value.id, title });
    await apply({ kind: 'card.member.add', cardId: c.value.id, userId: max.userId });
    const dueAt = new Date(clock.now().getTime() + inMs).toISOString();
    await apply({ kind: 'card.update', cardId: c.value.id, dueAt, ...extra } as Extract<
      BoardOpInput,
      { kind: 'card.update' }
    >);
    return { id: c.value.id, dueAt };
  };
  // What notify would store: one per (userId, key).
  const stored = new Map<string, NewNotification>();
  const notify = (items: readonly NewNotification[]) => {
    const recorded = items.map((n) => {
      const created = !stored.has(`${n.userId}|${n.key}`);
      if (created) stored.set(`${n.userId}|${n.key}`, n);
      return { notification: { ...n, id: `${n.userId}|${n.key}`, readAt: null }, created };
    });
    return TE.right(recorded);
  };
  const runs = new MemorySchedulerRuns();
  const scanner = () =>
    scanDueCards({
      dueCards: new MemoryDueCards(deps.boards),
      teams: deps.teams,
      runs,
      clock,
      notify,
      intervalMs: 60_000,
    });
  return { clock, max, card, stored, scanner, w };
};

describe('the due-date scan', () => {
  it('reminds assignees of open cards due within 24 hours, then once more when overdue; never twice', async () => {
    const { clock, max, card, stored, scanner } = await setUp();
    const soon = await card('Soon', 2 * HOUR);
    const late = await card('Late', -HOUR);
    await card('Later', 3 * 24 * HOUR);
    await card('Done', HOUR, { dueDone: true });
    await card('Archived', HOUR, { archived: true });

    expect(await scanner()()).toBe(2);
    expect([...stored.values()].map((n) => [n.userId, n.kind, n.key, n.title]).sort()).toEqual(
      [
        [max.userId, 'due_soon', `due_soon:${soon.id}:${soon.dueAt}`, 'Soon'],
        [max.userId, 'overdue', `overdue:${late.id}:${late.dueAt}`, 'Late'],
      ].sort(),
    );
    clock.advance(60_000);
    await scanner()();
    expect(stored.size).toBe(2);
    clock.advance(2 * HOUR);
    await scanner()();
    expect(stored.has(`${max.userId}|overdue:${soon.id}:${soon.dueAt}`)).toBe(true);
    expect(stored.size).toBe(3);
  });

  it('runs once per interval across instances: a second instance ticking in the same interval does nothing', async () => {
    const { clock, card, scanner } = await setUp();
    await card('Soon', HOUR);
    const [a, b] = await Promise.all([scanner()(), scanner()()]);
    expect([a, b].sort()).toEqual([1, null].sort());
    clock.advance(30_000);
    expect(await scanner()()).toBeNull();
    clock.advance(30_000);
    expect(await scanner()()).toBe(1);
  });

  it('only current team members are reminded', () => {
    const [member, gone] = [
      asUuid('018f6f2e-1b2c-7d3e-8f40-000000000001'),
      asUuid('018f6f2e-1b2c-7d3e-8f40-000000000002'),
    ];
    const card = {
      teamId: asUuid('018f6f2e-1b2c-7d3e-8f40-000000000003'),
      boardId: asUuid('018f6f2e-1b2c-7d3e-8f40-000000000004'),
      cardId: asUuid('018f6f2e-1b2c-7d3e-8f40-000000000005'),
      title: 'Ship',
      boardTitle: 'Roadmap',
      dueAt: '2025-01-15T12:00:00.000Z',
      assignees: [member, gone],
    };
    const items = dueNotifications(card, new Set([member]), new Date('2025-01-15T09:00:00.000Z'));
    expect(items.map((n) => [n.userId, n.kind, n.key])).toEqual([
      [member, 'due_soon', `due_soon:${card.cardId}:2025-01-15T12:00:00.000Z`],
    ]);
  });
});
