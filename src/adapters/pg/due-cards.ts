import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import type { DueCard, DueCards, SchedulerRuns } from '../../application/ports';
import { asUuid } from '../../domain';
import { rows } from './sql';

interface DueRow {
  team_id: string;
  board_id: string;
  id: string;
  title: string;
  board_title: string;
  due_at: Date;
  assignees: string[];
}

// A team being moved is on two shards for a while: only the shard that owns it (no fence, or 'owned') answers.
const DUE_SQL = `
  SELECT c.team_id, c.board_id, c.id, c.title, b.title AS board_title, c.due_at, c.assignees
    FROM cards c
    JOIN boards b ON b.team_id = c.team_id AND b.id = c.board_id
    JOIN lists l ON l.team_id = c.team_id AND l.id = c.list_id
   WHERE c.due_at > $1 AND c.due_at <= $2 AND NOT c.due_done AND NOT c.archived
     AND NOT l.archived AND NOT b.archived AND cardinality(c.assignees) > 0
     AND NOT EXISTS (SELECT 1 FROM tenant_fence f WHERE f.team_id = c.team_id AND f.state <> 'owned')`;

const cardOf = (r: DueRow): DueCard => ({
  teamId: asUuid(r.team_id),
  boardId: asUuid(r.board_id),
  cardId: asUuid(r.id),
  title: r.title,
  boardTitle: r.board_title,
  dueAt: r.due_at.toISOString(),
  assignees: r.assignees.map(asUuid),
});

/** Due cards from every shard's tables, each card once. */
export const makePgDueCards = (shards: ReadonlyMap<string, Pool>): DueCards => ({
  dueBetween: (from, until) => async () => {
    const seen = new Map<string, DueCard>();
    for (const pool of shards.values()) {
      const found = await rows(pool, DUE_SQL, [from, until], cardOf)();
      if (E.isLeft(found)) return found;
      for (const card of found.right) seen.set(`${card.teamId}/${card.cardId}`, card);
    }
    return E.right([...seen.values()]);
  },
});

/** Job runs in the catalog: the row moves forward for exactly one instance per gap. */
export const makePgSchedulerRuns = (catalog: Pool): SchedulerRuns => ({
  claim: (job, now, minGapMs) => async () => {
    const claimed = await rows(
      catalog,
      `INSERT INTO scheduler_runs (name, ran_at) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET ran_at = EXCLUDED.ran_at WHERE scheduler_runs.ran_at <= $3
       RETURNING name`,
      [job, now, new Date(now.getTime() - minGapMs)],
      (r) => r,
    )();
    return E.isLeft(claimed) ? claimed : E.right(claimed.right.length === 1);
  },
});
