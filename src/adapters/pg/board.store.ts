import { SHARED_TENANT_LOCK_SQL } from './tenant-lock';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool, PoolClient } from 'pg';
import {
  conflict,
  idempotencyKeyReused,
  notFound,
  recordedOrigin,
  sameRequest,
  tenantMoved,
  type AppError,
  EVENT_SCHEMA_VERSION,
  type BoardEvent,
  type BoardEventRecord,
  type Origin,
  type TeamId,
} from '../../domain';
import type { BoardStore, Decide, MutationContext } from '../../application/ports';
import { BOARD_COLUMNS, EVENT_COLUMNS, boardFromRow, eventFromRow, type BoardRow, type EventRow } from './board.rows';
import { project } from './board.projection';
import { makeBoardReads } from './board.reads';
import { makeBoardTx } from './board.tx';
import { inTransaction } from './sql';

/** The epoch at which the caller believes this shard owns the team (from its placement). */
export interface FenceView {
  readonly epoch: number;
}

type Result<A> = E.Either<AppError, A>;
type Outcome<A> = Promise<Result<A>>;

/**
 * The team's fence on this shard must say "owned at the caller's epoch", held (with the team's shared
 * write lock) until commit so a tenant move cannot fence the team mid-write. The team's first write
 * here creates the fence.
 */
const checkFence = async (c: PoolClient, teamId: TeamId, epoch: number): Outcome<void> => {
  await c.query(SHARED_TENANT_LOCK_SQL, [teamId]);
  const read = () =>
    c.query<{ epoch: number; state: string }>('SELECT epoch, state FROM tenant_fence WHERE team_id = $1 FOR SHARE', [
      teamId,
    ]);
  let fence = await read();
  if (fence.rowCount === 0) {
    await c.query(
      "INSERT INTO tenant_fence (team_id, epoch, state) VALUES ($1, $2, 'owned') ON CONFLICT (team_id) DO NOTHING",
      [teamId, epoch],
    );
    fence = await read();
  }
  const row = fence.rows[0];
  return row?.state === 'owned' && row.epoch === epoch ? E.right(undefined) : E.left(tenantMoved());
};

/**
 * The key under which applied_mutations remembers an origin: the user's id before the client id, so
 * one user's (client id, mid) can never answer or block another user's.
 */
const scopedClientId = (ctx: MutationContext, origin: Origin): string => `${ctx.actor} ${origin.clientId}`;

/**
 * The event a client's earlier attempt of this mutation produced, if it got that far; a refusal when
 * the mid was first sent with a different request.
 */
const replayed = async (c: PoolClient, ctx: MutationContext): Promise<Result<BoardEventRecord> | null> => {
  if (ctx.origin === null) return null;
  const r = await c.query<EventRow & { fingerprint: string | null }>(
    `SELECT ${EVENT_COLUMNS.split(', ')
      .map((col) => `e.${col}`)
      .join(', ')}, m.fingerprint
     FROM applied_mutations m
     JOIN board_events e ON e.team_id = m.team_id AND e.board_id = m.board_id AND e.seq = m.seq
     WHERE m.team_id = $1 AND m.client_id = $2 AND m.mid = $3`,
    [ctx.teamId, scopedClientId(ctx, ctx.origin), ctx.origin.mid],
  );
  const row = r.rows[0];
  if (!row) return null;
  return sameRequest(row.fingerprint, ctx.origin) ? E.right(eventFromRow(row)) : E.left(idempotencyKeyReused());
};

/** Appends the event at `seq` and remembers the origin, so a retry replays instead of repeating. */
const append = async (c: PoolClient, ctx: MutationContext, ev: BoardEvent, seq: number): Promise<BoardEventRecord> => {
  const record: BoardEventRecord = {
    ...ev,
    teamId: ctx.teamId,
    boardId: ctx.boardId,
    seq,
    actor: ctx.actor,
    origin: recordedOrigin(ctx.origin),
    at: ctx.at,
  };
  await c.query(`INSERT INTO board_events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    ctx.teamId,
    ctx.boardId,
    seq,
    ev.kind,
    JSON.stringify(ev.data),
    ctx.actor,
    ctx.origin?.clientId ?? null,
    ctx.origin?.mid ?? null,
    ctx.at,
    EVENT_SCHEMA_VERSION,
  ]);
  if (ctx.origin !== null) {
    await c.query(
      `INSERT INTO applied_mutations (team_id, client_id, mid, board_id, seq, fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [ctx.teamId, scopedClientId(ctx, ctx.origin), ctx.origin.mid, ctx.boardId, seq, ctx.origin.fingerprint ?? null],
    );
  }
  return record;
};

const mutateIn = async (
  c: PoolClient,
  ctx: MutationContext,
  epoch: number,
  decide: Decide,
): Outcome<BoardEventRecord> => {
  const fenced = await checkFence(c, ctx.teamId, epoch);
  if (E.isLeft(fenced)) return fenced;
  // Lock the board before the dedupe check so a concurrent retry of the same mutation waits and then sees it.
  const locked = await c.query<BoardRow>(
    `SELECT ${BOARD_COLUMNS} FROM boards WHERE team_id = $1 AND id = $2 FOR UPDATE`,
    [ctx.teamId, ctx.boardId],
  );
  const earlier = await replayed(c, ctx);
  if (earlier) return earlier;
  const row = locked.rows[0];
  if (!row) return E.left(notFound('Board'));
  const decided = await decide(makeBoardTx(c, boardFromRow(row)))();
  if (E.isLeft(decided)) return decided;
  const projected = await project(c, ctx, decided.right);
  if (E.isLeft(projected)) return projected;
  const bumped = await c.query<{ seq: number }>(
    'UPDATE boards SET seq = seq + 1 WHERE team_id = $1 AND id = $2 RETURNING seq',
    [ctx.teamId, ctx.boardId],
  );
  return E.right(await append(c, ctx, decided.right, bumped.rows[0]!.seq));
};

type BoardCreated = Extract<BoardEvent, { kind: 'board.created' }>;

const createIn = async (
  c: PoolClient,
  ctx: MutationContext,
  epoch: number,
  ev: BoardCreated,
): Outcome<BoardEventRecord> => {
  const fenced = await checkFence(c, ctx.teamId, epoch);
  if (E.isLeft(fenced)) return fenced;
  const earlier = await replayed(c, ctx);
  if (earlier) return earlier;
  const b = ev.data.board;
  const inserted = await c.query(
    `INSERT INTO boards (${BOARD_COLUMNS}) VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT DO NOTHING`,
    [ctx.teamId, ctx.boardId, b.title, b.archived, b.createdAt, b.createdBy],
  );
  if (inserted.rowCount === 0) return E.left(conflict('A board with this id already exists', 'already_exists'));
  return E.right(await append(c, ctx, ev, 1));
};

/**
 * The board store of ONE shard. `fence.epoch` is read on every write, so the shard router may hand in
 * a view it updates when placement changes.
 */
export const makePgBoardStore = (pool: Pool, fence: FenceView): BoardStore => ({
  ...makeBoardReads(pool),
  createBoard: (ctx, ev) =>
    ev.data.board.id !== ctx.boardId || ev.data.board.teamId !== ctx.teamId
      ? TE.left(conflict('The board does not belong to this mutation', 'scope_mismatch'))
      : retryingOrigin(ctx, () => inTransaction(pool, (c) => createIn(c, ctx, fence.epoch, ev))),
  mutate: (ctx, decide) => retryingOrigin(ctx, () => inTransaction(pool, (c) => mutateIn(c, ctx, fence.epoch, decide))),
});

/**
 * Two first attempts of the same origin racing each other: the loser trips the unique key on
 * applied_mutations (or the board id). Running it once more replays the winner's event.
 */
const retryingOrigin = (
  ctx: MutationContext,
  run: () => TE.TaskEither<AppError, BoardEventRecord>,
): TE.TaskEither<AppError, BoardEventRecord> =>
  pipe(
    run(),
    TE.orElse((err) =>
      ctx.origin !== null && err.kind === 'conflict' && err.code === 'already_exists' ? run() : TE.left(err),
    ),
  );
