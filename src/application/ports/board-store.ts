import type { Either } from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type {
  AppError,
  Board,
  BoardEvent,
  BoardEventRecord,
  BoardId,
  BoardState,
  Card,
  CardId,
  Comment,
  List,
  ListId,
  Origin,
  Placement,
  Slot,
  TeamId,
  UserId,
  Uuid,
} from '../../domain';

/** Who and when for one board mutation, and the client's dedupe key if it sent one. */
export interface MutationContext {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly actor: UserId;
  readonly at: string;
  readonly origin: Origin | null;
}

/**
 * Reads inside one board mutation's transaction. Every read is scoped to the transaction's team and
 * board: an id of another board or team answers `not_found`.
 */
export interface BoardTx {
  /** The board being changed, locked until the transaction ends. */
  readonly board: Board;
  /** One list of this board. */
  readonly list: (listId: ListId) => TaskEither<AppError, List>;
  /** One card of this board. */
  readonly card: (cardId: CardId) => TaskEither<AppError, Card>;
  /**
   * The ranks around a card insertion point in a list, leaving out `moving` (the card being moved).
   * No anchor means the end of the list; an anchor no longer in the list is placed by the domain's
   * stale-anchor rule (`resolveAnchor`), never refused. Only a missing list answers `not_found`.
   */
  readonly cardGap: (listId: ListId, at: Placement<CardId>, moving: CardId | null) => TaskEither<AppError, Slot>;
  /** The ranks around a list insertion point on this board, leaving out `moving`, by the same rule. */
  readonly listGap: (at: Placement<ListId>, moving: ListId | null) => TaskEither<AppError, Slot>;
  /** Ids of every card in a list (for deleting the list with its cards). */
  readonly cardIdsOf: (listId: ListId) => TaskEither<AppError, readonly CardId[]>;
}

/** Decides the one event a mutation produces, from reads in its transaction. */
export type Decide = (tx: BoardTx) => TaskEither<AppError, BoardEvent>;

/** One decided change to append: its event, and who made it when with which dedupe key. */
export interface CommitEntry {
  readonly ctx: MutationContext;
  readonly event: BoardEvent;
}

/**
 * Events decided against the board as of `expectedSeq`, to append as seqs `expectedSeq + 1`, `+ 2`, …
 * in one atomic step, or not at all.
 */
export interface CommitBatch {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly expectedSeq: number;
  readonly entries: readonly CommitEntry[];
}

/** An entry of a batch the store would not append, and what to answer its sender instead. */
export interface CommitRefusal {
  /** Its index in `entries`. */
  readonly index: number;
  /**
   * The event its origin produced earlier (a retry), or why it cannot be appended (the id it creates
   * exists already: `already_exists`; its mid came with another request: `idempotency_key_reused`).
   */
  readonly answer: Either<AppError, BoardEventRecord>;
}

/** What became of a batch. Anything but `committed` wrote nothing. */
export type CommitOutcome =
  | { readonly kind: 'committed'; readonly records: readonly BoardEventRecord[] }
  /**
   * Another writer appended first: the board is at `seq`; decide again on the missing events. `missed`
   * holds them (those after `expectedSeq`, up to `seq`) when the store had them at hand; otherwise
   * they are read with `eventsAfter`.
   */
  | { readonly kind: 'seq_moved'; readonly seq: number; readonly missed?: readonly BoardEventRecord[] }
  /** Some entries cannot be appended as decided; the others may be committed again without them. */
  | { readonly kind: 'refused'; readonly refusals: readonly CommitRefusal[] };

/** What deleting a board removed: the board as it was, and the attachments its cards held (their files go next). */
export interface DeletedBoard {
  readonly board: Board;
  readonly attachmentIds: readonly Uuid[];
}

/**
 * A team's boards and their event logs: the shard-side storage. The event log is the outbox: each
 * mutation commits its event with the change, in one transaction, and gets the board's next `seq`.
 */
export interface BoardStore {
  /** Creates a board and records its `board.created` event as seq 1; a repeated origin replays the original event. */
  readonly createBoard: (
    ctx: MutationContext,
    event: Extract<BoardEvent, { kind: 'board.created' }>,
  ) => TaskEither<AppError, BoardEventRecord>;
  /**
   * Runs `decide` in one transaction: dedupe by origin, lock the board, apply and append the event,
   * bump `seq`. A repeated origin answers the original event and runs nothing.
   */
  readonly mutate: (ctx: MutationContext, decide: Decide) => TaskEither<AppError, BoardEventRecord>;
  /**
   * Appends a batch of decided events in one atomic step (on Postgres: one round trip), checking the
   * tenant fence, that the board is still at `expectedSeq`, each origin's dedupe key and that created
   * ids are new. Every check comes before any write, so an outcome other than `committed` wrote nothing.
   * A board that does not exist is `not_found`; a fenced team is `tenant_moved`.
   */
  readonly commit: (batch: CommitBatch) => TaskEither<AppError, CommitOutcome>;
  /**
   * `commit` for a board another writer keeps changing first: locks the board (its tenant fence checked
   * as `commit` does), hands `decide` the events after `afterSeq`, and commits the batch it returns
   * while the lock is held, so the seq cannot move in between (its `expectedSeq` is `afterSeq` plus the
   * events handed over). Null when `decide` returns null: nothing to commit. More round trips than
   * `commit`, and the board waits meanwhile: for contention only.
   */
  readonly commitLocked: (
    teamId: TeamId,
    boardId: BoardId,
    afterSeq: number,
    decide: (missed: readonly BoardEventRecord[]) => Promise<CommitBatch | null>,
  ) => TaskEither<AppError, CommitOutcome | null>;
  /**
   * The event an origin produced earlier, if any (null when it did not, or `ctx.origin` is null); a
   * mid first sent with another request is `idempotency_key_reused`. For a decision that failed: the
   * request may be the retry of one that succeeded.
   */
  readonly replayOf: (ctx: MutationContext) => TaskEither<AppError, BoardEventRecord | null>;
  /**
   * Deletes a board for good with everything keyed by it (lists, cards, comments, the event log, applied
   * mutation ids, queued notifications), in one transaction behind the tenant fence like every write. A
   * board of another team, or none, is `not_found`; a fenced team is `tenant_moved`. Writes racing the
   * delete either land before it (and go with it) or find no board.
   */
  readonly deleteBoard: (teamId: TeamId, boardId: BoardId) => TaskEither<AppError, DeletedBoard>;
  /** The team's boards, archived ones included, oldest first. */
  readonly listBoards: (teamId: TeamId) => TaskEither<AppError, readonly Board[]>;
  /** The whole board as of its latest event. */
  readonly snapshot: (teamId: TeamId, boardId: BoardId) => TaskEither<AppError, BoardState>;
  /** Events with seq greater than `afterSeq`, oldest first, at most `limit`. */
  readonly eventsAfter: (
    teamId: TeamId,
    boardId: BoardId,
    afterSeq: number,
    limit: number,
  ) => TaskEither<AppError, readonly BoardEventRecord[]>;
  /** Events with seq below `beforeSeq` (or the newest when null), newest first, at most `limit`. */
  readonly eventsBefore: (
    teamId: TeamId,
    boardId: BoardId,
    beforeSeq: number | null,
    limit: number,
  ) => TaskEither<AppError, readonly BoardEventRecord[]>;
  /** One board's metadata (no lists or cards). */
  readonly board: (teamId: TeamId, boardId: BoardId) => TaskEither<AppError, Board>;
  /** One list of a board, as it is now. */
  readonly list: (teamId: TeamId, boardId: BoardId, listId: ListId) => TaskEither<AppError, List>;
  /** One card of a board, as it is now. */
  readonly card: (teamId: TeamId, boardId: BoardId, cardId: CardId) => TaskEither<AppError, Card>;
  /** A card's comments, oldest first. */
  readonly comments: (teamId: TeamId, boardId: BoardId, cardId: CardId) => TaskEither<AppError, readonly Comment[]>;
  /** Every comment on the board's cards, oldest first, in one read (exports). */
  readonly boardComments: (teamId: TeamId, boardId: BoardId) => TaskEither<AppError, readonly Comment[]>;
}
