import type { Task } from 'fp-ts/Task';
import type { BoardEventRecord, Uuid } from '../../domain';

/** The current time; tests pass a controllable one. */
export interface Clock {
  /** Now. */
  readonly now: () => Date;
}

/** New ids (time-ordered UUIDv7 in production). */
export interface IdGenerator {
  /** A fresh id. */
  readonly next: () => Uuid;
}

/** Unguessable opaque tokens and their one-way hashes. */
export interface SecretGenerator {
  /** A new random token (at least 256 bits, URL-safe). */
  readonly token: () => string;
  /** The stable hash under which a token is stored. */
  readonly hash: (token: string) => string;
}

/** Tells other parts of the system that a board event was committed. Best effort: a hint, never the record. */
export interface EventPublisher {
  /** Publishes a committed event; never fails the caller. */
  readonly publish: (event: BoardEventRecord) => Task<void>;
}
