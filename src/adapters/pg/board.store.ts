import { SHARED_TENANT_LOCK_SQL } from './tenant-lock';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool, PoolClient } from 'pg';
import { mutateByCommit, recordOf } from '../../application/engine/mutate-by-commit';
import {
  conflict,
  idempotencyKeyReused,
  notFound,
  sameRequest,
  tenantMoved,
  type AppError,
  EVENT_SCHEMA_VERSION,
  type BoardEvent,
  type BoardEventRecord,
  type BoardId,
  type Origin,
  type TeamId,
} from '../../domain';
import type { BoardStore, CommitBatch, CommitOutcome, CommitRefusal, MutationContext } from '../../application/ports';
import { BOARD_COLUMNS, EVENT_COLUMNS, eventFromRow, type EventRow } from './board.rows';
import { makeBoardReads } from './board.reads';
import { deleteBoardIn } from './board.delete';
import { groupCommitterOf, type CommitReply, type MissedEventJson } from './group-commit';
import { classifyPgError } from './pool';
import { inTransaction, type Queryable } from './sql';

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
export const checkFence = async (c: PoolClient, teamId: TeamId, epoch: number): Outcome<void> => {
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

/** Appends the event at `seq` and remembers the origin, so a retry replays instead of repeating. */
const append = async (c: PoolClient, ctx: MutationContext, ev: BoardEvent, seq: number): Promise<BoardEventRecord> => {
  const record = recordOf(ctx, ev, seq);
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

/** The batch as `boardroom_commit` takes it (shard migration 0005). */
export const commitParameter = (batch: CommitBatch, epoch: number) => ({
  team: batch.teamId,
  board: batch.boardId,
  epoch,
  expected_seq: batch.expectedSeq,
  v: EVENT_SCHEMA_VERSION,
  entries: batch.entries.map(({ ctx, event }) => ({
    kind: event.kind,
    data: event.data,
    actor: ctx.actor,
    at: ctx.at,
    client_id: ctx.origin?.clientId ?? null,
    client_key: ctx.origin === null ? null : scopedClientId(ctx, ctx.origin),
    mid: ctx.origin?.mid ?? null,
    fingerprint: ctx.origin?.fingerprint ?? null,
  })),
});

/** The events refused entries' origins produced earlier, read on this rare path only. */
const replayAnswers = async (
  pool: Pool,
  batch: CommitBatch,
  replays: NonNullable<Extract<CommitReply, { status: 'refused' }>['replays']>,
): Promise<CommitRefusal[]> => {
  const found = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM board_events
      WHERE team_id = $1 AND (board_id, seq) IN (SELECT * FROM unnest($2::uuid[], $3::bigint[]))`,
    [batch.teamId, replays.map((r) => r.board), replays.map((r) => r.seq)],
  );
  const byKey = new Map(found.rows.map((row) => [`${row.board_id}/${row.seq}`, row]));
  return replays.map(({ index, board, seq, fingerprint }) => {
    const row = byKey.get(`${board}/${seq}`);
    const origin = batch.entries[index]!.ctx.origin;
    if (row === undefined || origin === null) throw new Error(`applied mutation without its event: ${board}#${seq}`);
    return {
      index,
      answer: sameRequest(fingerprint, origin) ? E.right(eventFromRow(row)) : E.left(idempotencyKeyReused()),
    };
  });
};

/**
 * One call of `boardroom_commit`: the whole batch in one statement (one round trip, one transaction,
 * one WAL flush), checked and written by the server-side function; while the shard is busy, together
 * with other boards' batches (group-commit.ts).
 */
const commitIn = async (pool: Pool, batch: CommitBatch, epoch: number): Outcome<CommitOutcome> =>
  outcomeOf(pool, batch, await groupCommitterOf(pool).commit(commitParameter(batch, epoch)));

/** Rows as `boardroom_commit` and `boardroom_lock_board` return them, as events. */
const missedEvents = (rows: readonly MissedEventJson[]): BoardEventRecord[] =>
  rows.map((row) => eventFromRow({ ...row, at: new Date(row.at) }));

type LockReply =
  | { readonly status: 'locked'; readonly seq: number; readonly missed: readonly MissedEventJson[] }
  | { readonly status: 'too_far'; readonly seq: number }
  | { readonly status: 'fenced' }
  | { readonly status: 'no_board' };

/**
 * A contended commit: lock the board (one call of `boardroom_lock_board`, which also returns the events
 * after `afterSeq`), decide, then `boardroom_commit` in the same transaction. Past 500 missed events
 * it answers `seq_moved` without them, and the engine reads the log first.
 */
const commitLockedIn = (
  pool: Pool,
  epoch: number,
  teamId: TeamId,
  boardId: BoardId,
  afterSeq: number,
  decide: (missed: readonly BoardEventRecord[]) => Promise<CommitBatch | null>,
) =>
  inTransaction(pool, async (c): Outcome<CommitOutcome | null> => {
    const lock = { team: teamId, board: boardId, epoch, after_seq: afterSeq };
    const locked = (await c.query<{ reply: LockReply }>('SELECT boardroom_lock_board($1::jsonb) AS reply', [lock]))
      .rows[0]!.reply;
    switch (locked.status) {
      case 'fenced':
        return E.left(tenantMoved());
      case 'no_board':
        return E.left(notFound('Board'));
      case 'too_far':
        return E.right({ kind: 'seq_moved', seq: Number(locked.seq) });
      case 'locked': {
        const batch = await decide(missedEvents(locked.missed));
        if (batch === null) return E.right(null);
        const r = await c.query<{ reply: CommitReply }>('SELECT boardroom_commit($1::jsonb) AS reply', [
          JSON.stringify(commitParameter(batch, epoch)),
        ]);
        return outcomeOf(pool, batch, r.rows[0]!.reply);
      }
    }
  });

/** A batch's outcome from `boardroom_commit`'s answer. */
const outcomeOf = async (pool: Pool, batch: CommitBatch, reply: CommitReply): Outcome<CommitOutcome> => {
  switch (reply.status) {
    case 'committed':
      return E.right({
        kind: 'committed',
        records: batch.entries.map(({ ctx, event }, i) => recordOf(ctx, event, batch.expectedSeq + i + 1)),
      });
    case 'fenced':
      return E.left(tenantMoved());
    case 'no_board':
      return E.left(notFound('Board'));
    case 'seq_moved':
      return E.right({
        kind: 'seq_moved',
        seq: Number(reply.seq),
        ...(reply.missed ? { missed: missedEvents(reply.missed) } : {}),
      });
    case 'refused': {
      const clashes = (reply.clashes ?? []).map((index) => ({
        index,
        answer: E.left(conflict('An item with this id already exists', 'already_exists')),
      }));
      const replays = reply.replays ? await replayAnswers(pool, batch, reply.replays) : [];
      return E.right({ kind: 'refused', refusals: [...replays, ...clashes] });
    }
  }
};

/** The event an origin produced, for a decision that failed (maybe a retry of one that succeeded). */
const replayOfIn = async (db: Queryable, ctx: MutationContext): Outcome<BoardEventRecord | null> => {
  if (ctx.origin === null) return E.right(null);
  const r = await db.query<EventRow & { fingerprint: string | null }>(
    `SELECT ${EVENT_COLUMNS.split(', ')
      .map((col) => `e.${col}`)
      .join(', ')}, m.fingerprint
     FROM applied_mutations m
     JOIN board_events e ON e.team_id = m.team_id AND e.board_id = m.board_id AND e.seq = m.seq
     WHERE m.team_id = $1 AND m.client_id = $2 AND m.mid = $3`,
    [ctx.teamId, scopedClientId(ctx, ctx.origin), ctx.origin.mid],
  );
  const row = r.rows[0];
  if (!row) return E.right(null);
  return sameRequest(row.fingerprint, ctx.origin) ? E.right(eventFromRow(row)) : E.left(idempotencyKeyReused());
};

/** Runs `body` on the pool; a thrown infrastructure error becomes `unavailable`, a bug is rethrown. */
const onPool =
  <A>(body: () => Outcome<A>): TE.TaskEither<AppError, A> =>
  async () => {
    try {
      return await body();
    } catch (err) {
      return E.left(classifyPgError(err));
    }
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
  const earlier = await replayOfIn(c, ctx);
  if (E.isLeft(earlier) || earlier.right !== null) return earlier as Result<BoardEventRecord>;
  const b = ev.data.board;
  const inserted = await c.query(
    `INSERT INTO boards (${BOARD_COLUMNS}) VALUES ($1, $2, $3, $4, 1, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [ctx.teamId, ctx.boardId, b.title, b.archived, b.createdAt, b.createdBy, JSON.stringify(b.labels)],
  );
  if (inserted.rowCount === 0) return E.left(conflict('A board with this id already exists', 'already_exists'));
  return E.right(await append(c, ctx, ev, 1));
};

/**
 * The board store of ONE shard. `fence.epoch` is read on every write, so the shard router may hand in
 * a view it updates when placement changes.
 */
export const makePgBoardStore = (pool: Pool, fence: FenceView): BoardStore => {
  const store: BoardStore = {
    ...makeBoardReads(pool),
    createBoard: (ctx, ev) =>
      ev.data.board.id !== ctx.boardId || ev.data.board.teamId !== ctx.teamId
        ? TE.left(conflict('The board does not belong to this mutation', 'scope_mismatch'))
        : retryingClash(() => inTransaction(pool, (c) => createIn(c, ctx, fence.epoch, ev))),
    commit: (batch) => retryingClash(() => onPool(() => commitIn(pool, batch, fence.epoch))),
    commitLocked: (teamId, boardId, afterSeq, decide) =>
      retryingClash(() => commitLockedIn(pool, fence.epoch, teamId, boardId, afterSeq, decide)),
    replayOf: (ctx) => onPool(() => replayOfIn(pool, ctx)),
    deleteBoard: (teamId, boardId) =>
      inTransaction(pool, async (c) => {
        const fenced = await checkFence(c, teamId, fence.epoch);
        return E.isLeft(fenced) ? fenced : deleteBoardIn(c, teamId, boardId);
      }),
    mutate: (ctx, decide) => mutateByCommit(store)(ctx, decide),
  };
  return store;
};

/**
 * Two first attempts racing each other past the checks (the same origin on two boards, or the same new
 * id): the loser trips a unique key and its transaction rolled back whole. Running it once more meets
 * the winner's rows in the checks, which answer the replay or the clash.
 */
const retryingClash = <A>(run: () => TE.TaskEither<AppError, A>): TE.TaskEither<AppError, A> =>
  pipe(
    run(),
    TE.orElse((err) => (err.kind === 'conflict' && err.code === 'already_exists' ? run() : TE.left(err))),
  );
