import type { Pool } from 'pg';
import { makePgBoardStore } from '../../src/adapters/pg/board.store';
import { migrate } from '../../src/adapters/pg/migrate';
import { createPool } from '../../src/adapters/pg/pool';
import { EVENT_SCHEMA_VERSION, type BoardEventRecord } from '../../src/domain';
import { boardWorld, type BoardWorld } from '../contract/board-fixtures';
import { newId, ok } from '../contract/fixtures';
import { createTestDatabase, type TestDatabase } from '../harness/database';

describe('the versioned event log on a Postgres shard', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('eventlog');
    pool = createPool(db.url);
    await migrate(pool, 'shard');
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const world = () => boardWorld(makePgBoardStore(pool, { epoch: 1 }));

  /** Appends a row the way code before shard migration 0004 did: without a schema version column. */
  const insertUnversioned = async (w: BoardWorld, seq: number, kind: string, data: unknown) =>
    pool.query(
      `INSERT INTO board_events (team_id, board_id, seq, kind, data, actor, client_id, mid, at)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7)`,
      [w.teamId, w.boardId, seq, kind, JSON.stringify(data), w.actor, '2025-01-15T09:00:00.000Z'],
    );

  const eventsAfter = (w: BoardWorld, seq: number): Promise<readonly BoardEventRecord[]> =>
    ok(w.store.eventsAfter(w.teamId, w.boardId, seq, 100));

  it('new events are stored in the current schema version', async () => {
    const w = await world();
    const list = await w.addList('To Do');
    await w.addCard(list.id, 'Fix login');
    const { rows } = await pool.query<{ v: number }>(
      'SELECT DISTINCT schema_version AS v FROM board_events WHERE team_id = $1',
      [w.teamId],
    );
    expect(rows).toEqual([{ v: EVENT_SCHEMA_VERSION }]);
  });

  it('a row from before versioning is read upcast to the current form', async () => {
    const w = await world();
    const list = await w.addList('To Do');
    const card = await w.addCard(list.id, 'Fix login');
    const { labels: _labels, commentCount: _count, ...bareCard } = { ...card, id: newId() };
    await insertUnversioned(w, 4, 'card.created', { card: bareCard, listTitle: 'To Do' });
    const [old] = await eventsAfter(w, 3);
    expect(old).toMatchObject({ kind: 'card.created', seq: 4, origin: null });
    expect(old?.kind === 'card.created' && old.data.card).toEqual({ ...bareCard, labels: [], commentCount: 0 });
  });

  it('a row whose data does not decode is refused, naming the row, instead of being trusted', async () => {
    const w = await world();
    const list = await w.addList('To Do');
    await insertUnversioned(w, 3, 'card.moved', { cardId: 'not-a-uuid', toListId: list.id });
    await expect(w.store.eventsAfter(w.teamId, w.boardId, 0, 100)()).rejects.toThrow(
      `Corrupt event row ${w.teamId}/${w.boardId}#3: board event card.moved #3 (schema version 1) does not decode`,
    );
  });

  it('a row written by a newer schema version is refused rather than guessed at', async () => {
    const w = await world();
    await pool.query('UPDATE board_events SET schema_version = $3 WHERE team_id = $1 AND board_id = $2', [
      w.teamId,
      w.boardId,
      EVENT_SCHEMA_VERSION + 1,
    ]);
    await expect(w.store.eventsBefore(w.teamId, w.boardId, null, 10)()).rejects.toThrow(
      `has schema version ${EVENT_SCHEMA_VERSION + 1}`,
    );
  });
});
