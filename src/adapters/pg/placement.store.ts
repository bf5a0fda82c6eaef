import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Pool } from 'pg';
import type { TaskEither } from 'fp-ts/TaskEither';
import { classifyPgError, sqlState } from './pool';
import { transaction } from './sql';
import type { AppError, TeamId } from '../../domain';
import { SLOT_COUNT } from '../../shard-router/stable-hash';
import { checkShardIds, staleEpoch, unknownShard, unknownSlot } from '../../shard-router/placement';
import type { PlacementOverride, PlacementStore, ShardId, ShardInfo } from '../../shard-router/placement';

// bigint arrives as a string and timestamptz as a Date or string, depending on the pool's type parsers.
const Epoch = t.union([t.number, t.string]);
const OverrideRow = t.type({ shard_id: t.string, epoch: Epoch });
const SlotRow = t.type({ slot: t.number, shard_id: t.string });
const ShardRow = t.type({
  id: t.string,
  state: t.keyof({ active: null, draining: null }),
  added_at: t.unknown,
});

/** Rows that do not match the schema mean the migrations and the code disagree: a bug, so it throws. */
const decode = <A>(codec: t.Decoder<unknown, A>, rows: readonly unknown[]): A[] =>
  rows.map((row) =>
    pipe(
      codec.decode(row),
      E.getOrElseW(() => {
        throw new Error(`Unexpected placement row: ${JSON.stringify(row)}`);
      }),
    ),
  );

const PG_FOREIGN_KEY_VIOLATION = '23503';

/** Runs a catalog query; a lost catalog is `unavailable` for the caller, anything unexpected throws (a bug). */
const attempt = <A>(run: () => Promise<A>, onError?: (e: unknown) => AppError | undefined): TaskEither<AppError, A> =>
  TE.tryCatch(run, (e) => onError?.(e) ?? classifyPgError(e));

const toOverride = (row: t.TypeOf<typeof OverrideRow>): PlacementOverride => ({
  shardId: row.shard_id,
  epoch: Number(row.epoch),
});

const currentEpoch = async (pool: Pool, teamId: TeamId): Promise<number> => {
  const { rows } = await pool.query('SELECT shard_id, epoch FROM team_placement WHERE team_id = $1', [teamId]);
  const [row] = decode(OverrideRow, rows);
  return row ? Number(row.epoch) : 0;
};

/** Inserts the first override (expected epoch 0) or bumps an existing one; null when the epoch moved on. */
const casRow = async (pool: Pool, teamId: TeamId, expectedEpoch: number, shardId: ShardId) => {
  const { rows } =
    expectedEpoch === 0
      ? await pool.query(
          // A team pinned by a slot reassignment has an override at epoch 0 already.
          `INSERT INTO team_placement (team_id, shard_id, epoch) VALUES ($1, $2, 1)
           ON CONFLICT (team_id) DO UPDATE SET shard_id = EXCLUDED.shard_id, epoch = 1, updated_at = now()
           WHERE team_placement.epoch = 0 RETURNING shard_id, epoch`,
          [teamId, shardId],
        )
      : await pool.query(
          `UPDATE team_placement SET shard_id = $2, epoch = epoch + 1, updated_at = now()
           WHERE team_id = $1 AND epoch = $3 RETURNING shard_id, epoch`,
          [teamId, shardId, expectedEpoch],
        );
  const [row] = decode(OverrideRow, rows);
  return row ? toOverride(row) : null;
};

/** The placement tables of the catalog database (migrations/catalog/0002_placement.sql). */
export const makePgPlacementStore = (pool: Pool): PlacementStore => {
  const seed = (shardIds: readonly ShardId[]) =>
    pipe(
      checkShardIds(shardIds),
      TE.chain((ids) =>
        attempt(() =>
          transaction(pool, async (client) => {
            const added = await client.query(
              'INSERT INTO shards (id) SELECT unnest($1::text[]) ON CONFLICT (id) DO NOTHING',
              [ids],
            );
            // ON CONFLICT keeps existing assignments, so concurrent boots of several instances agree.
            const assigned = await client.query(
              `INSERT INTO slot_map (slot, shard_id)
               SELECT s, ($1::text[])[s % cardinality($1::text[]) + 1] FROM generate_series(0, $2 - 1) AS s
               ON CONFLICT (slot) DO NOTHING`,
              [ids, SLOT_COUNT],
            );
            return { shardsAdded: added.rowCount ?? 0, slotsAssigned: assigned.rowCount ?? 0 };
          }),
        ),
      ),
    );

  const compareAndSetOverride = (teamId: TeamId, expectedEpoch: number, shardId: ShardId) =>
    pipe(
      attempt(
        () => casRow(pool, teamId, expectedEpoch, shardId),
        (e) => (sqlState(e) === PG_FOREIGN_KEY_VIOLATION ? unknownShard(shardId) : undefined),
      ),
      TE.chain((row) =>
        row
          ? TE.right(row)
          : pipe(
              attempt(() => currentEpoch(pool, teamId)),
              TE.chain((actual) => TE.left(staleEpoch(teamId, expectedEpoch, actual))),
            ),
      ),
    );

  const reassignSlot = (slot: number, toShard: ShardId, pin: readonly TeamId[]) =>
    pipe(
      attempt(
        () =>
          transaction(pool, async (client) => {
            const { rows } = await client.query('SELECT slot, shard_id FROM slot_map WHERE slot = $1 FOR UPDATE', [
              slot,
            ]);
            const from = decode(SlotRow, rows)[0]?.shard_id;
            if (from === undefined) return null;
            const pinned = await client.query(
              `INSERT INTO team_placement (team_id, shard_id, epoch) SELECT unnest($1::uuid[]), $2, 0
               ON CONFLICT (team_id) DO NOTHING`,
              [pin, from],
            );
            await client.query('UPDATE slot_map SET shard_id = $2, updated_at = now() WHERE slot = $1', [
              slot,
              toShard,
            ]);
            return { pinned: pinned.rowCount ?? 0 };
          }),
        (e) => (sqlState(e) === PG_FOREIGN_KEY_VIOLATION ? unknownShard(toShard) : undefined),
      ),
      TE.chain((r) => (r ? TE.right(r) : TE.left(unknownSlot(slot)))),
    );

  return {
    reassignSlot,
    slotMap: () =>
      attempt(async () => {
        const { rows } = await pool.query('SELECT slot, shard_id FROM slot_map');
        return new Map(decode(SlotRow, rows).map((r) => [r.slot, r.shard_id] as const));
      }),
    slotShard: (slot) =>
      attempt(async () => {
        const { rows } = await pool.query('SELECT slot, shard_id FROM slot_map WHERE slot = $1', [slot]);
        return O.fromNullable(decode(SlotRow, rows)[0]?.shard_id);
      }),
    override: (teamId) =>
      attempt(async () => {
        const { rows } = await pool.query('SELECT shard_id, epoch FROM team_placement WHERE team_id = $1', [teamId]);
        return O.map(toOverride)(O.fromNullable(decode(OverrideRow, rows)[0]));
      }),
    shards: () =>
      attempt(async () => {
        const { rows } = await pool.query('SELECT id, state, added_at FROM shards ORDER BY id COLLATE "C"');
        return decode(ShardRow, rows).map((r): ShardInfo => ({
          id: r.id,
          state: r.state,
          addedAt: new Date(r.added_at as string | Date).toISOString(),
        }));
      }),
    seed,
    compareAndSetOverride,
  };
};
