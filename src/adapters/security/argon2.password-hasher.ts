import argon2 from 'argon2';
import type { Task } from 'fp-ts/Task';
import type { PasswordHasher } from '../../application/ports';

/** argon2id cost parameters; the defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane). */
export interface Argon2Options {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const OWASP_ARGON2: Argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** argon2id password hashes; the parameters live in the encoded hash, so old hashes keep verifying. */
export class Argon2PasswordHasher implements PasswordHasher {
  constructor(private readonly options: Argon2Options = OWASP_ARGON2) {}

  readonly hash =
    (password: string): Task<string> =>
    () =>
      argon2.hash(password, { type: argon2.argon2id, ...this.options });

  // A malformed stored hash is a failed login, not a crash of the request.
  readonly verify =
    (hash: string, password: string): Task<boolean> =>
    () =>
      argon2.verify(hash, password).catch(() => false);
}
