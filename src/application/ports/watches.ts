import type { TaskEither } from 'fp-ts/TaskEither';
import type { AppError, BoardId, CardId, TeamId, UserId } from '../../domain';

/** A board, or one card of it, that a person watches. */
export interface WatchTarget {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  /** Null: the whole board. */
  readonly cardId: CardId | null;
}

/** One person's watches on one board. */
export interface BoardWatches {
  readonly board: boolean;
  readonly cards: readonly CardId[];
}

/** Who watches a card: on the card itself, or on its whole board. */
export interface Watchers {
  readonly board: readonly UserId[];
  readonly card: readonly UserId[];
}

/** Who watches which board or card (in the catalog: watches are per person, across shards). */
export interface WatchStore {
  /** Starts watching; watching again changes nothing. */
  readonly watch: (userId: UserId, target: WatchTarget) => TaskEither<AppError, void>;
  /** Stops watching; not watching is not an error. */
  readonly unwatch: (userId: UserId, target: WatchTarget) => TaskEither<AppError, void>;
  /** The person's watches on one board: the board itself and the cards, oldest first. */
  readonly watchesOn: (userId: UserId, teamId: TeamId, boardId: BoardId) => TaskEither<AppError, BoardWatches>;
  /** Drops every watch on the board and its cards, whoever holds it (the board was deleted). */
  readonly forgetBoard: (teamId: TeamId, boardId: BoardId) => TaskEither<AppError, void>;
  /** Who watches the board, and who watches the card (none when `cardId` is null). */
  readonly watchersOf: (teamId: TeamId, boardId: BoardId, cardId: CardId | null) => TaskEither<AppError, Watchers>;
}
