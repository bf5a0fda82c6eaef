import * as E from 'fp-ts/Either';
import {
  applyEvent,
  asUuid,
  CARD_MODEL_DEFAULTS,
  type AppError,
  type Board,
  type BoardEvent,
  type BoardEventRecord,
  type BoardState,
  type Card,
  type List,
  type TeamId,
  type Uuid,
} from '../../../src/domain';

/** A deterministic, canonical (lowercase v4-shaped) UUID for test number `n`. */
export const uuid = (n: number): Uuid => asUuid(`00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`);

export const AT = '2026-01-15T10:00:00.000Z';
export const LATER = '2026-01-15T11:00:00.000Z';
export const ALICE = uuid(0xa11ce);

export const makeBoard = (overrides: Partial<Board> = {}): Board => ({
  id: uuid(1),
  teamId: uuid(100),
  title: 'Sprint 12',
  archived: false,
  createdAt: AT,
  createdBy: ALICE,
  labels: [],
  ...overrides,
});

export const makeList = (board: Board, overrides: Partial<List> = {}): List => ({
  id: uuid(10),
  teamId: board.teamId,
  boardId: board.id,
  title: 'To Do',
  rank: 'a0',
  archived: false,
  createdAt: AT,
  ...overrides,
});

export const makeCard = (list: List, overrides: Partial<Card> = {}): Card => ({
  id: uuid(20),
  teamId: list.teamId,
  boardId: list.boardId,
  listId: list.id,
  title: 'Fix login',
  description: '',
  dueDate: null,
  labels: [],
  rank: 'a0',
  archived: false,
  commentCount: 0,
  createdAt: AT,
  updatedAt: AT,
  createdBy: ALICE,
  ...CARD_MODEL_DEFAULTS.card,
  ...overrides,
});

/** Wraps a decided event as the store would record it at `seq`. */
export const record = (
  ev: BoardEvent,
  seq: number,
  where: { teamId: TeamId; boardId: Uuid } = { teamId: uuid(100), boardId: uuid(1) },
): BoardEventRecord => ({ ...ev, ...where, seq, actor: ALICE, origin: null, at: AT });

/** A board state holding exactly these lists and cards, at `seq`. */
export const stateOf = (board: Board, lists: readonly List[], cards: readonly Card[], seq = 1): BoardState => ({
  board,
  lists: Object.fromEntries(lists.map((l) => [l.id, l])),
  cards: Object.fromEntries(cards.map((c) => [c.id, c])),
  seq,
});

/** Applies events in order, starting from nothing. */
export const replay = (events: readonly BoardEventRecord[]): BoardState | null =>
  events.reduce<BoardState | null>((s, ev) => applyEvent(s, ev), null);

/** The event of a decision that must succeed; fails the test with the error otherwise. */
export const accepted = (decision: E.Either<AppError, BoardEvent>): BoardEvent => {
  if (E.isLeft(decision)) throw new Error(`expected the command to be accepted, got ${JSON.stringify(decision.left)}`);
  return decision.right;
};

/** The error of a decision that must be refused. */
export const refused = <T>(decision: E.Either<AppError, T>): AppError => {
  if (E.isRight(decision)) throw new Error(`expected the command to be refused, got ${JSON.stringify(decision.right)}`);
  return decision.left;
};
