import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { CutoverBudget } from '../../shard-router/sharded-board-store';
import { classifyPgError } from './pool';

/**
 * The pause budget of the team's running move, from its lease in the catalog (tenant_moves,
 * migrations/catalog/0007); 0 when no move of the team runs. Read only by writes that met the fence.
 */
export const pgCutoverBudget =
  (catalog: Pool): CutoverBudget =>
  (teamId) =>
    TE.tryCatch(async () => {
      const { rows } = await catalog.query<{ ms: number | null }>(
        "SELECT max_pause_ms AS ms FROM tenant_moves WHERE team_id = $1 AND state = 'running'",
        [teamId],
      );
      return rows[0]?.ms ?? 0;
    }, classifyPgError);
