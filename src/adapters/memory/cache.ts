import type { Task } from 'fp-ts/Task';
import type { CacheRead, ReadCache } from '../../application/ports/cache';

interface Entry {
  readonly value: string;
  readonly generation: string;
  readonly expiresAt: number;
}

/** The read cache inside this process: for one instance and for tests; same rules as the Redis one. */
export class MemoryReadCache implements ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  readonly read =
    (key: string): Task<CacheRead> =>
    async () => {
      const generation = this.generationOf(key);
      const entry = this.entries.get(key);
      const fresh = entry !== undefined && entry.generation === generation && entry.expiresAt > this.now();
      return { value: fresh ? entry.value : null, generation };
    };

  readonly fill =
    (key: string, generation: string, value: string): Task<void> =>
    async () => {
      if (this.generationOf(key) !== generation) return;
      this.entries.set(key, { value, generation, expiresAt: this.now() + this.ttlMs });
    };

  readonly invalidate =
    (keys: readonly string[]): Task<void> =>
    async () => {
      for (const key of keys) {
        this.entries.delete(key);
        this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      }
    };

  private generationOf(key: string): string {
    return String(this.generations.get(key) ?? 0);
  }
}
