import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import { makeBoardTx } from '../../src/adapters/pg/board.tx';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { asUuid, type Board, type CardId, type ListId } from '../../src/domain';
import { createTestDatabase, type TestDatabase } from '../harness/database';
import { newId } from '../contract/fixtures';

// Issue 13: card lookups and max(rank) read every card of the board through `cards_board_idx`, so moves
// slowed down as boards grew. Here the queries the board transaction really sends are explained on a
// board of 6,000 cards (beside another team's 6,000): each must be an index lookup on list + rank (or
// the primary key), never a scan of the board's cards.
const LISTS = 12;
const PER_LIST = 500;

interface Sent {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** Node names and index names of every node of a JSON plan. */
const planNodes = (plan: Record<string, unknown>): string[] => {
  const here = `${String(plan['Node Type'])}${plan['Index Name'] ? ` ${String(plan['Index Name'])}` : ''}`;
  const children = (plan['Plans'] as Record<string, unknown>[] | undefined) ?? [];
  return [here, ...children.flatMap(planNodes)];
};

const seedBoard = async (pool: Pool, teamId: string, boardId: string, lists: readonly string[]) => {
  const user = newId();
  await pool.query(
    `INSERT INTO boards (team_id, id, title, archived, seq, created_at, created_by)
     VALUES ($1, $2, 'Big', false, 1, now(), $3)`,
    [teamId, boardId, user],
  );
  await pool.query(
    `INSERT INTO lists (team_id, id, board_id, title, rank, created_at)
     SELECT $1, l.id, $2, 'List', 'a' || lpad(l.n::text, 4, '0'), now()
     FROM unnest($3::uuid[]) WITH ORDINALITY AS l(id, n)`,
    [teamId, boardId, lists],
  );
  await pool.query(
    `INSERT INTO cards (team_id, id, board_id, list_id, title, rank, created_at, updated_at, created_by)
     SELECT $1, gen_random_uuid(), $2, l.id, 'Card', 'a' || lpad(n::text, 6, '0'), now(), now(), $4
     FROM unnest($3::uuid[]) AS l(id), generate_series(1, $5) AS n`,
    [teamId, boardId, lists, user, PER_LIST],
  );
};

// Both before the table's statistics exist (a board that just grew, before autovacuum analyses it: here
// the old queries picked `cards_board_idx`) and after ANALYZE.
describe.each([
  { statistics: 'before statistics exist', analyze: false },
  { statistics: 'after ANALYZE', analyze: true },
])('rank queries on a big board use the list + rank indexes, $statistics', ({ analyze }) => {
  let db: TestDatabase;
  let pool: Pool;
  const teamId = newId();
  const boardId = newId();
  const lists = Array.from({ length: LISTS }, () => newId() as ListId);

  beforeAll(async () => {
    db = await createTestDatabase('rank_indexes');
    pool = createPool(db.url);
    await migrate(pool, 'shard');
    await seedBoard(pool, teamId, boardId, lists);
    await seedBoard(
      pool,
      newId(),
      newId(),
      Array.from({ length: LISTS }, () => newId()),
    );
    if (analyze) await pool.query('ANALYZE boards, lists, cards');
  }, 60_000);

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  /** Runs `use` on a board transaction whose queries are recorded, then returns each one's plan. */
  const plansOf = async (use: (tx: ReturnType<typeof makeBoardTx>) => Promise<unknown>) => {
    const sent: Sent[] = [];
    const recording = {
      query: (text: string, values: unknown[]) => {
        sent.push({ text, values });
        return pool.query(text, values);
      },
    } as unknown as PoolClient;
    const board: Board = {
      id: asUuid(boardId),
      teamId: asUuid(teamId),
      title: 'Big',
      archived: false,
      createdAt: '2025-01-01T00:00:00.000Z',
      createdBy: asUuid(newId()),
    };
    await use(makeBoardTx(recording, board));
    const plans = [];
    for (const q of sent) {
      const explained = await pool.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
        `EXPLAIN (FORMAT JSON) ${q.text}`,
        q.values as unknown[],
      );
      plans.push({ text: q.text, nodes: planNodes(explained.rows[0]!['QUERY PLAN'][0].Plan) });
    }
    return plans;
  };

  const someCard = async (listId: string, at: 'first' | 'middle'): Promise<CardId> => {
    const offset = at === 'first' ? 0 : PER_LIST / 2;
    const r = await pool.query<{ id: CardId }>(
      'SELECT id FROM cards WHERE team_id = $1 AND list_id = $2 ORDER BY rank OFFSET $3 LIMIT 1',
      [teamId, listId, offset],
    );
    return r.rows[0]!.id;
  };

  /** Every query on cards avoids a sequential scan and the board index, and uses one of `cardIndexes`. */
  const expectIndexed = (plans: readonly { text: string; nodes: string[] }[], cardIndexes: readonly string[]) => {
    const cardQueries = plans.filter((p) => /FROM cards/.test(p.text));
    expect(cardQueries.length).toBeGreaterThan(0);
    for (const plan of cardQueries) {
      const used = plan.nodes.filter((n) => n.startsWith('Seq Scan') || n.includes('cards_board_idx'));
      expect({ text: plan.text, used }).toEqual({ text: plan.text, used: [] });
      expect(plan.nodes.some((n) => cardIndexes.some((index) => n.endsWith(` ${index}`)))).toBe(true);
    }
  };

  it('the end-of-list rank is read from cards_list_rank_idx, not by scanning the board', async () => {
    const plans = await plansOf((tx) => tx.cardGap(lists[3]!, {}, null)());
    const [endOfList, ...more] = plans.filter((p) => /FROM cards/.test(p.text));
    expect(more).toEqual([]);
    expect(endOfList?.nodes.some((n) => n.endsWith(' cards_list_rank_idx'))).toBe(true);
    expectIndexed(plans, ['cards_list_rank_idx']);
  });

  it('the neighbours of an anchor and the anchor itself are index lookups', async () => {
    const after = await someCard(lists[5]!, 'middle');
    const before = await someCard(lists[5]!, 'first');
    const moving = await someCard(lists[6]!, 'middle');
    const result: { gap?: unknown } = {};
    const plans = await plansOf(async (tx) => {
      result.gap = await tx.cardGap(lists[5]!, { afterId: after }, moving)();
      await tx.cardGap(lists[5]!, { beforeId: before }, null)();
    });
    expect(E.isRight(result.gap as E.Either<unknown, unknown>)).toBe(true);
    expectIndexed(plans, ['cards_list_rank_idx', 'cards_pkey']);
  });

  it('a card is read by primary key', async () => {
    const card = await someCard(lists[7]!, 'middle');
    const plans = await plansOf(async (tx) => {
      await tx.card(card)();
      await tx.list(lists[7]!)();
    });
    // The board's dozen lists fit one page, where a sequential read is the right plan; cards must not.
    expect(plans.map((p) => /FROM cards/.test(p.text))).toEqual([true, false]);
    expectIndexed(plans, ['cards_pkey']);
  });
});
