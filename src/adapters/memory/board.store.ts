import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type {
  BoardStore,
  CommitBatch,
  CommitOutcome,
  Decide,
  DeletedBoard,
  MutationContext,
} from '../../application/ports';
import { mutateByCommit, recordOf } from '../../application/engine/mutate-by-commit';
import {
  applyEvent,
  BoardDraft,
  conflict,
  idempotencyKeyReused,
  notFound,
  sameRequest,
  type AppError,
  type Board,
  type BoardEvent,
  type BoardEventRecord,
  type BoardId,
  type BoardState,
  type Card,
  type CardId,
  type Comment,
  type List,
  type ListId,
  type TeamId,
} from '../../domain';
import { deepFreeze, frozenCopy } from './freeze';

interface StoredBoard {
  state: BoardState;
  readonly log: BoardEventRecord[];
  readonly comments: Map<CardId, Comment[]>;
}

type Result<T> = E.Either<AppError, T>;

const boardKey = (teamId: TeamId, boardId: BoardId) => `${teamId}/${boardId}`;

/** The ids an event creates (as `kind:id`), which must be new within the team. */
const createdIds = (event: BoardEvent): string[] => {
  switch (event.kind) {
    case 'list.created':
      return [`list:${event.data.list.id}`];
    case 'card.created':
      return [`card:${event.data.card.id}`];
    case 'comment.created':
      return [`comment:${event.data.comment.id}`];
    default:
      return [];
  }
};

/** The ids an event frees, so the store stays in step with a Postgres shard that deletes rows. */
const deletedIds = (event: BoardEvent): string[] => {
  if (event.kind === 'list.deleted')
    return [`list:${event.data.listId}`, ...event.data.cardIds.map((id) => `card:${id}`)];
  if (event.kind === 'card.deleted') return [`card:${event.data.cardId}`];
  if (event.kind === 'comment.deleted') return [`comment:${event.data.commentId}`];
  return [];
};

/**
 * Boards, their event logs and comments in memory, behaving like one Postgres shard: state is the
 * fold of the log through the domain's `applyEvent`, a batch is appended at its expected seq or not at
 * all (synchronously, so nothing interleaves), a repeated origin replays the original event, and every
 * read is scoped by team and board.
 */
export class MemoryBoardStore implements BoardStore {
  private readonly boards = new Map<string, StoredBoard>();
  private readonly byOrigin = new Map<string, { record: BoardEventRecord; fingerprint: string | null }>();
  private readonly idsByTeam = new Map<TeamId, Set<string>>();
  private readonly locks = new Map<string, Promise<unknown>>();

  /**
   * `onCommitted` hears every committed event with the board's state right after it (the notification
   * outbox); it reads the state there and then and keeps none of it (the batch goes on changing it).
   */
  constructor(
    private readonly opts: { readonly onCommitted?: (record: BoardEventRecord, state: BoardState) => void } = {},
  ) {}
  /** Every board's current state (the memory twin of reading every shard's tables; the due-date scan uses it). */
  readonly allBoards = (): readonly BoardState[] => [...this.boards.values()].map((b) => b.state);

  readonly createBoard =
    (
      ctx: MutationContext,
      event: Extract<BoardEvent, { kind: 'board.created' }>,
    ): TaskEither<AppError, BoardEventRecord> =>
    () =>
      this.serialized(boardKey(ctx.teamId, ctx.boardId), async (): Promise<Result<BoardEventRecord>> => {
        const replayed = this.replay(ctx);
        if (replayed) return replayed;
        const key = boardKey(ctx.teamId, ctx.boardId);
        if (this.boards.has(key)) return E.left(conflict('A board with this id exists', 'already_exists'));
        const record = this.record(ctx, event, 1);
        const state = applyEvent(null, record);
        if (!state) throw new Error('board.created did not produce a board state');
        this.boards.set(key, { state: deepFreeze(state), log: [record], comments: new Map() });
        this.remember(ctx, record);
        this.opts.onCommitted?.(record, state);
        return E.right(record);
      });

  /** Snapshot, decide, commit: the same path as any store's one-off writer (see `mutateByCommit`). */
  readonly mutate = (ctx: MutationContext, decide: Decide): TaskEither<AppError, BoardEventRecord> =>
    mutateByCommit(this)(ctx, decide);

  /**
   * The missed events, the decision, then `commit`: nothing else runs on this store between the
   * decision and the commit but other awaits, so the seq check in `commit` still guards the rare race.
   */
  readonly commitLocked: BoardStore['commitLocked'] = (teamId, boardId, afterSeq, decide) => async () => {
    const found = this.find(teamId, boardId);
    if (E.isLeft(found)) return found;
    const batch = await decide(found.right.log.slice(Math.max(0, afterSeq)));
    return batch === null ? E.right(null) : this.commit(batch)();
  };

  /**
   * Appends the batch at once, like the Postgres store's single statement: replays and id clashes are
   * refused before the seq check, and nothing is written unless every entry can be.
   */
  readonly commit =
    (batch: CommitBatch): TaskEither<AppError, CommitOutcome> =>
    async () => {
      const stored = this.boards.get(boardKey(batch.teamId, batch.boardId));
      if (!stored) return E.left(notFound('Board'));
      const replays = batch.entries.flatMap((entry, index) => {
        const answer = this.replay(entry.ctx);
        return answer === undefined ? [] : [{ index, answer }];
      });
      if (replays.length > 0) return E.right({ kind: 'refused', refusals: replays });
      if (stored.state.seq !== batch.expectedSeq) {
        const missed = stored.log.slice(Math.max(0, batch.expectedSeq));
        return E.right({ kind: 'seq_moved', seq: stored.state.seq, missed });
      }
      const ids = this.idsByTeam.get(batch.teamId) ?? new Set<string>();
      const clashes = batch.entries.flatMap((entry, index) =>
        createdIds(entry.event).some((id) => ids.has(id))
          ? [{ index, answer: E.left(conflict('An item with this id already exists', 'already_exists')) }]
          : [],
      );
      if (clashes.length > 0) return E.right({ kind: 'refused', refusals: clashes });
      // One draft for the batch: the card map is copied once, not once per entry.
      const draft = new BoardDraft(stored.state);
      const records: BoardEventRecord[] = [];
      for (const { ctx, event } of batch.entries) {
        const committed = this.commitOne(stored, draft, ctx, event);
        if (E.isLeft(committed)) throw new Error('an entry checked as new clashed while appending');
        records.push(committed.right);
      }
      stored.state = deepFreeze(draft.done());
      return E.right({ kind: 'committed', records });
    };

  /** Drops the board, its log and comments, the origins its events answer and the ids it holds, at once. */
  readonly deleteBoard =
    (teamId: TeamId, boardId: BoardId): TaskEither<AppError, DeletedBoard> =>
    () =>
      this.serialized(boardKey(teamId, boardId), async (): Promise<Result<DeletedBoard>> => {
        const found = this.find(teamId, boardId);
        if (E.isLeft(found)) return found;
        const { state, comments } = found.right;
        this.boards.delete(boardKey(teamId, boardId));
        for (const [key, { record }] of this.byOrigin)
          if (record.teamId === teamId && record.boardId === boardId) this.byOrigin.delete(key);
        const ids = this.idsByTeam.get(teamId);
        const held = [
          ...Object.keys(state.lists).map((id) => `list:${id}`),
          ...Object.keys(state.cards).map((id) => `card:${id}`),
          ...[...comments.values()].flat().map((c) => `comment:${c.id}`),
        ];
        held.forEach((id) => ids?.delete(id));
        const attachmentIds = Object.values(state.cards).flatMap((card) => card.attachments.map((a) => a.id));
        return E.right({ board: state.board, attachmentIds });
      });

  readonly replayOf =
    (ctx: MutationContext): TaskEither<AppError, BoardEventRecord | null> =>
    async () => {
      const replayed = this.replay(ctx);
      return replayed === undefined ? E.right(null) : replayed;
    };

  readonly listBoards =
    (teamId: TeamId): TaskEither<AppError, readonly Board[]> =>
    async () =>
      E.right([...this.boards.values()].filter((b) => b.state.board.teamId === teamId).map((b) => b.state.board));

  readonly snapshot =
    (teamId: TeamId, boardId: BoardId): TaskEither<AppError, BoardState> =>
    async () =>
      E.map((b: StoredBoard) => b.state)(this.find(teamId, boardId));

  readonly eventsAfter =
    (
      teamId: TeamId,
      boardId: BoardId,
      afterSeq: number,
      limit: number,
    ): TaskEither<AppError, readonly BoardEventRecord[]> =>
    async () =>
      E.map((b: StoredBoard) => {
        const start = Math.max(0, afterSeq);
        return b.log.slice(start, start + Math.max(0, limit));
      })(this.find(teamId, boardId));

  readonly eventsBefore =
    (
      teamId: TeamId,
      boardId: BoardId,
      beforeSeq: number | null,
      limit: number,
    ): TaskEither<AppError, readonly BoardEventRecord[]> =>
    async () =>
      E.map((b: StoredBoard) => {
        // The log is dense from seq 1, so the event with seq s sits at index s - 1.
        const end = beforeSeq === null ? b.log.length : Math.max(0, Math.min(beforeSeq - 1, b.log.length));
        return b.log.slice(Math.max(0, end - Math.max(0, limit)), end).reverse();
      })(this.find(teamId, boardId));

  readonly board =
    (teamId: TeamId, boardId: BoardId): TaskEither<AppError, Board> =>
    async () =>
      E.map((b: StoredBoard) => b.state.board)(this.find(teamId, boardId));

  readonly list =
    (teamId: TeamId, boardId: BoardId, listId: ListId): TaskEither<AppError, List> =>
    async () =>
      E.chain((b: StoredBoard) => {
        const list = b.state.lists[listId];
        return list ? E.right(list) : E.left(notFound('List'));
      })(this.find(teamId, boardId));

  readonly card =
    (teamId: TeamId, boardId: BoardId, cardId: CardId): TaskEither<AppError, Card> =>
    async () =>
      E.chain((b: StoredBoard) => {
        const card = b.state.cards[cardId];
        return card ? E.right(card) : E.left(notFound('Card'));
      })(this.find(teamId, boardId));

  readonly comments =
    (teamId: TeamId, boardId: BoardId, cardId: CardId): TaskEither<AppError, readonly Comment[]> =>
    async () =>
      E.chain((b: StoredBoard) =>
        b.state.cards[cardId] ? E.right([...(b.comments.get(cardId) ?? [])]) : E.left(notFound('Card')),
      )(this.find(teamId, boardId));

  readonly boardComments =
    (teamId: TeamId, boardId: BoardId): TaskEither<AppError, readonly Comment[]> =>
    async () =>
      E.map((b: StoredBoard) =>
        [...b.comments.values()]
          .flat()
          .sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? -1 : 1) : x.createdAt < y.createdAt ? -1 : 1)),
      )(this.find(teamId, boardId));

  private find(teamId: TeamId, boardId: BoardId): Result<StoredBoard> {
    const stored = this.boards.get(boardKey(teamId, boardId));
    return stored ? E.right(stored) : E.left(notFound('Board'));
  }

  /** Runs `work` after every earlier piece of work on the same board has settled. */
  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.locks.get(key) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return result;
  }

  // Keys are the user's: another user sending the same client id and mid can neither read nor burn them.
  private originKey(ctx: MutationContext): string | null {
    return ctx.origin ? JSON.stringify([ctx.teamId, ctx.actor, ctx.origin.clientId, ctx.origin.mid]) : null;
  }

  /** The original answer to a repeated origin, or a refusal when the mid came with another request. */
  private replay(ctx: MutationContext): Result<BoardEventRecord> | undefined {
    const key = this.originKey(ctx);
    const earlier = key === null ? undefined : this.byOrigin.get(key);
    if (earlier === undefined || ctx.origin === null) return undefined;
    return sameRequest(earlier.fingerprint, ctx.origin) ? E.right(earlier.record) : E.left(idempotencyKeyReused());
  }

  private remember(ctx: MutationContext, record: BoardEventRecord): void {
    const key = this.originKey(ctx);
    if (key !== null) this.byOrigin.set(key, { record, fingerprint: ctx.origin?.fingerprint ?? null });
  }

  private record(ctx: MutationContext, event: BoardEvent, seq: number): BoardEventRecord {
    return frozenCopy(recordOf(ctx, event, seq));
  }

  /** Appends one entry to the draft and the log; the caller stores the draft's state once the batch is in. */
  private commitOne(
    stored: StoredBoard,
    draft: BoardDraft,
    ctx: MutationContext,
    event: BoardEvent,
  ): Result<BoardEventRecord> {
    const ids = this.idsByTeam.get(ctx.teamId) ?? new Set<string>();
    if (createdIds(event).some((id) => ids.has(id))) {
      return E.left(conflict('An item with this id already exists', 'already_exists'));
    }
    const record = this.record(ctx, event, draft.view().seq + 1);
    if (!draft.apply(record)) throw new Error('the board draft skipped a new event');
    stored.log.push(record);
    this.trackComments(stored, record);
    createdIds(event).forEach((id) => ids.add(id));
    deletedIds(event).forEach((id) => ids.delete(id));
    this.idsByTeam.set(ctx.teamId, ids);
    this.remember(ctx, record);
    this.opts.onCommitted?.(record, draft.view());
    return E.right(record);
  }

  private trackComments(stored: StoredBoard, record: BoardEventRecord): void {
    if (record.kind === 'comment.created') {
      const { comment } = record.data;
      stored.comments.set(comment.cardId, [...(stored.comments.get(comment.cardId) ?? []), comment]);
    } else if (record.kind === 'comment.updated' || record.kind === 'comment.deleted') {
      const { cardId, commentId } = record.data;
      const edited =
        record.kind === 'comment.updated' ? { body: record.data.body, editedAt: record.data.editedAt } : null;
      const kept = (stored.comments.get(cardId) ?? []).flatMap((c) =>
        c.id !== commentId ? [c] : edited === null ? [] : [{ ...c, ...edited }],
      );
      stored.comments.set(cardId, kept);
    } else if (record.kind === 'card.deleted') {
      stored.comments.delete(record.data.cardId);
    } else if (record.kind === 'list.deleted') {
      record.data.cardIds.forEach((id) => stored.comments.delete(id));
    }
  }
}
