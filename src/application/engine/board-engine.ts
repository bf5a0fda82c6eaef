import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import {
  BoardDraft,
  type AppError,
  type BoardEvent,
  type BoardEventRecord,
  type BoardId,
  type BoardState,
  type TeamId,
} from '../../domain';
import type { BoardStore, CommitBatch, CommitOutcome, Decide, MutationContext } from '../ports';
import { answerRefusedDecision, boardBusy, MAX_DECISION_ROUNDS, recordOf } from './mutate-by-commit';
import { shareSnapshot, SnapshotShelf, type SharedSnapshot } from './shared-snapshot';
import { boardTx } from './state-tx';

/**
 * What a caller reads from the board right after its change (the entity it made, say). It runs in memory
 * against the board as it stood right after that change, before the next change of its group commit is
 * applied; it must not keep `state`, whose maps the engine goes on changing until the group is done.
 */
export type ReadAfter<T> = (record: BoardEventRecord, state: BoardState) => TaskEither<AppError, T>;

/**
 * A change the engine committed, with what the caller read from the board right after it (a failed read
 * does not undo the change: the event is committed and still to be published).
 */
export interface Committed<T> {
  readonly record: BoardEventRecord;
  readonly answer: E.Either<AppError, T>;
}

/** A `ReadAfter` for callers that need nothing but the committed event. */
export const readNothing: ReadAfter<undefined> = () => async () => E.right(undefined);

export interface BoardEngineOptions {
  /**
   * How many lists and cards all held boards may add up to; past it, boards nobody is writing to are
   * dropped, least recently used first (a dropped board is read again on its next op).
   */
  readonly budgetItems: number;
  /** The most ops one commit carries. */
  readonly maxBatch: number;
  /**
   * How many characters of snapshot JSON the held boards' shared snapshots may add up to (about 600
   * per card); past it, the least recently read are dropped and made again when next read.
   */
  readonly budgetSnapshotChars?: number;
}

/** 64 Mi characters: the text of about twenty 5,000-card boards. */
export const DEFAULT_SNAPSHOT_BUDGET_CHARS = 64 * 1024 * 1024;

export const DEFAULT_ENGINE_OPTIONS: BoardEngineOptions = {
  budgetItems: 500_000,
  maxBatch: 256,
  budgetSnapshotChars: DEFAULT_SNAPSHOT_BUDGET_CHARS,
};

/** What the engine needs of the store: the board once, the events it missed, and the commit. */
export type EngineStore = Pick<BoardStore, 'snapshot' | 'eventsAfter' | 'commit' | 'commitLocked' | 'replayOf'>;

interface Pending {
  readonly ctx: MutationContext;
  readonly decide: Decide;
  readonly read: ReadAfter<unknown>;
  readonly settle: (result: E.Either<AppError, Committed<unknown>>) => void;
  readonly fail: (err: unknown) => void;
}

/** One board as this instance holds it. */
interface Slot {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  state: BoardState | null;
  loading: Promise<E.Either<AppError, BoardState>> | null;
  readonly queue: Pending[];
  running: boolean;
  /** Lists and cards held, for the memory budget. */
  items: number;
  /** Told to forget (tenant moved) while a commit was in flight: forget once it settles. */
  forgetAfterRun: boolean;
  /**
   * Another instance is writing this board as fast as this one: commit under the board lock from the
   * first round, until a locked round finds that nobody else wrote since.
   */
  contended: boolean;
}

interface Decided {
  readonly p: Pending;
  readonly event: BoardEvent;
  readonly record: BoardEventRecord;
  /** What the caller read right after this change. */
  readonly answer: E.Either<AppError, unknown>;
}
interface Refused {
  readonly p: Pending;
  readonly error: AppError;
}
/** Ops decided in order against `base`: those that made events, those refused, and the state after. */
interface Attempt {
  readonly base: BoardState;
  readonly decided: readonly Decided[];
  readonly refused: readonly Refused[];
  readonly working: BoardState;
}

/**
 * Commits of one batch that met a moved seq before the engine stops racing and takes the board's lock
 * for its next round: two instances writing one board at full speed would otherwise leave one of them
 * always a commit behind.
 */
const CONTENDED_AFTER = 2;

/** Events read per catch-up query. */
const CATCH_UP_PAGE = 500;

/** Freezes an entity and the arrays it holds (cards' labels). */
const freezeEntity = <T extends object>(entity: T): T => {
  for (const value of Object.values(entity)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(entity);
};

/**
 * The draft's board, frozen: snapshots of it are shared by every reader, so none may change the engine's
 * copy. Only what the draft made new is walked (entities it shares with the state it started from are
 * frozen already), so a run of events costs one pass over each map it changed, not a deep freeze.
 */
const frozenDone = (draft: BoardDraft): BoardState => {
  const next = draft.done();
  if (!Object.isFrozen(next.lists)) {
    draft.changedLists.forEach((id) => next.lists[id] && freezeEntity(next.lists[id]));
    Object.freeze(next.lists);
  }
  if (!Object.isFrozen(next.cards)) {
    draft.changedCards.forEach((id) => next.cards[id] && freezeEntity(next.cards[id]));
    Object.freeze(next.cards);
  }
  if (draft.boardReplaced) freezeEntity(next.board);
  return Object.freeze(next);
};

/** `prev` with `events` (the next ones, in order) applied, frozen; `prev` itself when none applies. */
const frozenAfter = (prev: BoardState, events: readonly BoardEventRecord[]): BoardState => {
  const draft = new BoardDraft(prev);
  let applied = false;
  for (const event of events) applied = draft.apply(event) || applied;
  return applied ? frozenDone(draft) : prev;
};

/** A loaded state, frozen whole once. */
const frozenState = (state: BoardState): BoardState => {
  Object.values(state.lists).forEach(freezeEntity);
  Object.values(state.cards).forEach(freezeEntity);
  Object.freeze(state.lists);
  Object.freeze(state.cards);
  freezeEntity(state.board);
  return Object.freeze(state);
};

const slotKey = (teamId: TeamId, boardId: BoardId) => `${teamId}/${boardId}`;
const sizeOf = (s: BoardState) => Object.keys(s.lists).length + Object.keys(s.cards).length;
/** Ops with the same dedupe key must not share a batch: the second is the first's retry. */
const originKey = (ctx: MutationContext) =>
  ctx.origin === null ? null : `${ctx.actor} ${ctx.origin.clientId} ${ctx.origin.mid}`;

/**
 * The board engine: this instance's authoritative copy of its active boards, and the one way a board
 * changes. Each op is decided by the pure domain against the board in memory (no reads), and committed
 * with the store's `commit`, one round trip that checks the fence, the board's seq and the op's dedupe
 * key. Ops that arrive while a board's commit is in flight queue, are decided in order against the
 * state that commit produces and go out together in the next one (group commit): each keeps its own
 * event, seq and answer. When another instance wrote first (`seq_moved`), the missing events are read
 * and applied and the batch is decided again, so the store's log stays the single source of truth and
 * the memory only spares reading it.
 */
export class BoardEngine {
  /** Held boards in least-recently-used order (a Map iterates in insertion order; use re-inserts). */
  private readonly slots = new Map<string, Slot>();
  /** Lists and cards of every held board, kept as slots change so the budget check is O(1). */
  private itemsHeld = 0;
  /** Held boards' snapshots with their JSON, one per board, of its current state only. */
  private readonly shelf: SnapshotShelf;

  constructor(
    private readonly store: EngineStore,
    private readonly options: BoardEngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {
    this.shelf = new SnapshotShelf(options.budgetSnapshotChars ?? DEFAULT_SNAPSHOT_BUDGET_CHARS);
  }

  /**
   * Decides `decide` against the board as committed, in arrival order, commits it, and answers with what
   * `read` reads from the board right after the change.
   */
  readonly submit = <T>(ctx: MutationContext, decide: Decide, read: ReadAfter<T>): TaskEither<AppError, Committed<T>> =>
    (() =>
      new Promise<E.Either<AppError, Committed<unknown>>>((settle, fail) => {
        const slot = this.use(ctx.teamId, ctx.boardId);
        slot.queue.push({ ctx, decide, read, settle, fail });
        if (!slot.running) void this.drain(slot);
      })) as TaskEither<AppError, Committed<T>>;

  /**
   * The board as committed, brought up to date with the log first (one small read when held, so a
   * change made on another instance is never missed); loaded when not held.
   */
  readonly read =
    (teamId: TeamId, boardId: BoardId): TaskEither<AppError, BoardState> =>
    async () => {
      const slot = this.use(teamId, boardId);
      const loaded = await this.loaded(slot);
      if (E.isLeft(loaded) || slot.running) return loaded;
      const caught = await this.catchUp(slot);
      return E.isLeft(caught) ? caught : E.right(slot.state ?? loaded.right);
    };

  /**
   * The board as `read` answers it, as a snapshot with its JSON text: made once per state (one per seq)
   * and shared by every reader until the board changes, is reloaded (tenant move, fence refusal) or is
   * dropped. A state the board no longer holds (it changed while this read was in flight) gets a
   * snapshot of its own, not shared.
   */
  readonly readShared =
    (teamId: TeamId, boardId: BoardId): TaskEither<AppError, SharedSnapshot> =>
    async () => {
      const read = await this.read(teamId, boardId)();
      if (E.isLeft(read)) return read;
      const key = slotKey(teamId, boardId);
      const current = this.slots.get(key)?.state === read.right;
      return E.right(current ? this.shelf.of(key, read.right) : shareSnapshot(read.right));
    };

  /**
   * An event heard on the bus. A held, idle board one event behind takes it, so copies on instances
   * that only follow a board stay current and their next commit rarely meets a moved seq. Anything else
   * (a gap, an event already held) is left to the next commit's seq check.
   */
  readonly observe = (event: BoardEventRecord): void => {
    const slot = this.slots.get(slotKey(event.teamId, event.boardId));
    if (!slot?.state || slot.running || event.seq !== slot.state.seq + 1) return;
    slot.state = frozenAfter(slot.state, [event]);
    this.shelf.drop(slotKey(event.teamId, event.boardId));
  };

  /** Forgets a team's boards (it moved to another shard): the next op reads them from there. */
  readonly forgetTeam = (teamId: TeamId): void => {
    for (const [key, slot] of this.slots) {
      if (slot.teamId !== teamId) continue;
      if (slot.running) slot.forgetAfterRun = true;
      else this.drop(key, slot);
    }
  };

  /** Boards held, the lists and cards they add up to, and their shared snapshots (metrics, tests). */
  readonly held = (): {
    readonly boards: number;
    readonly items: number;
    readonly snapshots: number;
    readonly snapshotChars: number;
  } => {
    const { snapshots, chars } = this.shelf.held();
    return { boards: this.slots.size, items: this.itemsHeld, snapshots, snapshotChars: chars };
  };

  /** Records a slot's new state's size in the running total the budget is checked against. */
  private resize(slot: Slot, state: BoardState): void {
    const items = sizeOf(state);
    const key = slotKey(slot.teamId, slot.boardId);
    // A slot dropped while a read of it was in flight no longer counts.
    if (this.slots.get(key) === slot) this.itemsHeld += items - slot.items;
    slot.items = items;
    this.shelf.drop(key);
  }

  /** Forgets the slot's state (unknown after a failed commit, or its team moved): read again on next use. */
  private unload(slot: Slot): void {
    slot.state = null;
    this.shelf.drop(slotKey(slot.teamId, slot.boardId));
  }

  private drop(key: string, slot: Slot): void {
    if (this.slots.get(key) !== slot) return;
    this.slots.delete(key);
    this.itemsHeld -= slot.items;
    this.shelf.drop(key);
  }

  private use(teamId: TeamId, boardId: BoardId): Slot {
    const key = slotKey(teamId, boardId);
    const found = this.slots.get(key);
    if (found) {
      this.slots.delete(key);
      this.slots.set(key, found);
      return found;
    }
    const slot: Slot = {
      teamId,
      boardId,
      state: null,
      loading: null,
      queue: [],
      running: false,
      items: 0,
      forgetAfterRun: false,
      contended: false,
    };
    this.slots.set(key, slot);
    return slot;
  }

  private loaded(slot: Slot): Promise<E.Either<AppError, BoardState>> {
    if (slot.state) return Promise.resolve(E.right(slot.state));
    slot.loading ??= this.store
      .snapshot(slot.teamId, slot.boardId)()
      .then((loaded) => {
        slot.loading = null;
        if (E.isRight(loaded)) {
          // A catch-up or commit that finished meanwhile holds a later state: keep that one.
          if (!slot.state || slot.state.seq < loaded.right.seq) slot.state = frozenState(loaded.right);
          this.resize(slot, slot.state);
          return E.right(slot.state);
        }
        return loaded;
      });
    return slot.loading;
  }

  /** Applies the events the log holds past the held state; how many there were. */
  private async catchUp(slot: Slot): Promise<E.Either<AppError, number>> {
    let applied = 0;
    for (;;) {
      const from = slot.state;
      if (!from) return E.right(applied);
      const page = await this.store.eventsAfter(slot.teamId, slot.boardId, from.seq, CATCH_UP_PAGE)();
      if (E.isLeft(page)) {
        this.unload(slot);
        return page;
      }
      const next = frozenAfter(from, page.right);
      if (slot.state && next.seq > slot.state.seq) {
        applied += next.seq - slot.state.seq;
        slot.state = next;
        this.resize(slot, next);
      }
      if (page.right.length < CATCH_UP_PAGE) return E.right(applied);
    }
  }

  private async drain(slot: Slot): Promise<void> {
    slot.running = true;
    try {
      while (slot.queue.length > 0) {
        const batch = this.takeBatch(slot.queue);
        try {
          await this.process(slot, batch);
        } catch (err) {
          // A bug, not a refusal: every op of the batch learns of it rather than waiting forever.
          this.unload(slot);
          batch.forEach((p) => p.fail(err));
        }
      }
    } finally {
      slot.running = false;
      if (slot.forgetAfterRun) {
        slot.forgetAfterRun = false;
        this.unload(slot);
        this.drop(slotKey(slot.teamId, slot.boardId), slot);
      }
      this.evict();
    }
  }

  /** The next ops in arrival order, up to the batch size, without two of one origin. */
  private takeBatch(queue: Pending[]): Pending[] {
    const batch: Pending[] = [];
    const keys = new Set<string>();
    let i = 0;
    while (i < queue.length && batch.length < this.options.maxBatch) {
      const key = originKey(queue[i]!.ctx);
      if (key !== null && keys.has(key)) {
        i++;
        continue;
      }
      if (key !== null) keys.add(key);
      batch.push(...queue.splice(i, 1));
    }
    return batch;
  }

  /**
   * Decides each op in order against `base` and the ops decided before it, on one draft of the board (its
   * maps copied once for the whole group, not once per op), and reads each op's answer right after it.
   */
  private async decideAll(base: BoardState, todo: readonly Pending[]): Promise<Attempt> {
    const decided: Decided[] = [];
    const refused: Refused[] = [];
    const draft = new BoardDraft(base);
    let seq = base.seq;
    for (const p of todo) {
      const decision = await p.decide(boardTx(draft.view(), (listId) => draft.cardsOfList(listId)))();
      if (E.isLeft(decision)) {
        refused.push({ p, error: decision.left });
        continue;
      }
      const record = recordOf(p.ctx, decision.right, ++seq);
      draft.apply(record);
      const answer = await p.read(record, draft.view())();
      decided.push({ p, event: decision.right, record, answer });
    }
    return { base, decided, refused, working: decided.length > 0 ? frozenDone(draft) : base };
  }

  private batchOf(slot: Slot, attempt: Attempt): CommitBatch {
    return {
      teamId: slot.teamId,
      boardId: slot.boardId,
      expectedSeq: attempt.base.seq,
      entries: attempt.decided.map(({ p, event }) => ({ ctx: p.ctx, event })),
    };
  }

  /**
   * One round, contended: the board is locked, the events it gained are applied, the ops decided and
   * committed under that lock, so the seq cannot move in between. Null when nothing was decided (every
   * op was refused against the board as locked, known current).
   */
  private async lockedRound(
    slot: Slot,
    base: BoardState,
    todo: readonly Pending[],
  ): Promise<E.Either<AppError, { attempt: Attempt; outcome: CommitOutcome | null }>> {
    // Nothing decided unless the store calls back: a board too far behind is answered `seq_moved` first.
    let attempt: Attempt = { base, decided: [], refused: [], working: base };
    const outcome = await this.store.commitLocked(slot.teamId, slot.boardId, base.seq, async (missed) => {
      slot.contended = missed.length > 0;
      attempt = await this.decideAll(this.follow(slot, base, missed), todo);
      return attempt.decided.length > 0 ? this.batchOf(slot, attempt) : null;
    })();
    return E.map((o: CommitOutcome | null) => ({ attempt, outcome: o }))(outcome);
  }

  private async process(slot: Slot, batch: readonly Pending[]): Promise<void> {
    let todo = batch;
    let moved = 0;
    for (let round = 1; todo.length > 0; round++) {
      if (round > MAX_DECISION_ROUNDS) {
        todo.forEach((p) => p.settle(E.left(boardBusy())));
        return;
      }
      const loaded = await this.loaded(slot);
      if (E.isLeft(loaded)) {
        todo.forEach((p) => p.settle(loaded));
        return;
      }
      let attempt: Attempt;
      let outcome: E.Either<AppError, CommitOutcome>;
      if (slot.contended || moved >= CONTENDED_AFTER) {
        // Another instance keeps winning the race for this board: take turns by its row lock instead.
        const locked = await this.lockedRound(slot, loaded.right, todo);
        if (E.isLeft(locked)) {
          this.unload(slot);
          todo.forEach((p) => p.settle(locked));
          return;
        }
        attempt = locked.right.attempt;
        if (locked.right.outcome === null) {
          this.answerRefused(slot, attempt.refused);
          return;
        }
        outcome = E.right(locked.right.outcome);
      } else {
        attempt = await this.decideAll(loaded.right, todo);
        if (attempt.decided.length === 0) {
          // Refused against the held copy, which may lag: look once for events it lacks before answering.
          const caught = await this.catchUp(slot);
          if (E.isRight(caught) && caught.right > 0) continue;
          this.answerRefused(slot, attempt.refused);
          return;
        }
        outcome = await this.store.commit(this.batchOf(slot, attempt))();
      }
      const { base, decided, refused, working } = attempt;

      if (E.isLeft(outcome)) {
        // Unknown whether it landed (a lost connection) or the team moved: read the board again next time.
        this.unload(slot);
        decided.forEach(({ p }) => p.settle(outcome));
        this.answerRefused(slot, refused);
        return;
      }
      switch (outcome.right.kind) {
        case 'committed':
          slot.state = working;
          this.resize(slot, working);
          decided.forEach(({ p, record, answer }) => p.settle(E.right({ record, answer })));
          // Decided against the state the seq check proved current: these refusals stand.
          this.answerRefused(slot, refused);
          return;
        case 'seq_moved': {
          if (++moved >= CONTENDED_AFTER) slot.contended = true;
          if (this.takeMissed(slot, base, outcome.right.seq, outcome.right.missed)) continue;
          const caught = await this.catchUp(slot);
          if (E.isLeft(caught)) {
            todo.forEach((p) => p.settle(caught));
            return;
          }
          continue;
        }
        case 'refused': {
          const answered = new Set<Pending>();
          for (const { index, answer } of outcome.right.refusals) {
            const p = decided[index]!.p;
            answered.add(p);
            this.settleReplay(slot, p, answer);
          }
          // The rest were decided on top of the refused ones: decide them again without those.
          todo = todo.filter((p) => !answered.has(p));
          continue;
        }
      }
    }
  }

  /**
   * Applies the events a `seq_moved` answer brought, when they lead from the state the batch was decided
   * on to the board's seq without a gap; false when they do not, and the log must be read.
   */
  private takeMissed(
    slot: Slot,
    base: BoardState,
    seq: number,
    missed: readonly BoardEventRecord[] | undefined,
  ): boolean {
    if (!missed || slot.state !== base || missed.length !== seq - base.seq) return false;
    if (missed.some((event, i) => event.seq !== base.seq + i + 1)) return false;
    this.follow(slot, base, missed);
    return true;
  }

  /** The slot's state: `base` with `events` (the next ones, in order) applied. */
  private follow(slot: Slot, base: BoardState, events: readonly BoardEventRecord[]): BoardState {
    const next = frozenAfter(base, events);
    slot.state = next;
    this.resize(slot, next);
    return next;
  }

  /** Answers refused decisions, each with its original event when it is a retry of one that landed. */
  private answerRefused(slot: Slot, refused: readonly Refused[]): void {
    for (const { p, error } of refused) {
      answerRefusedDecision(this.store, p.ctx, error).then((answer) => this.settleReplay(slot, p, answer), p.fail);
    }
  }

  /** Settles an op answered by an event committed earlier (its retry), read from the board as held now. */
  private settleReplay(slot: Slot, p: Pending, answer: E.Either<AppError, BoardEventRecord>): void {
    if (E.isLeft(answer)) return p.settle(answer);
    const record = answer.right;
    this.loaded(slot)
      .then(async (state) => {
        if (E.isLeft(state)) return p.settle(state);
        p.settle(E.right({ record, answer: await p.read(record, state.right)() }));
      })
      .catch(p.fail);
  }

  /** Drops idle boards, least recently used first, while the held ones exceed the budget. */
  private evict(): void {
    if (this.itemsHeld <= this.options.budgetItems) return;
    for (const [key, slot] of this.slots) {
      if (this.itemsHeld <= this.options.budgetItems) return;
      if (slot.running || slot.queue.length > 0 || slot.loading) continue;
      this.drop(key, slot);
    }
  }

  /** Forgets one board (it was deleted): its next op reads the store, which no longer has it. */
  readonly forgetBoard = (teamId: TeamId, boardId: BoardId): void => {
    const key = slotKey(teamId, boardId);
    const slot = this.slots.get(key);
    if (!slot) return;
    if (slot.running) slot.forgetAfterRun = true;
    else this.drop(key, slot);
  };
}
