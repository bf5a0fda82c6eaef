import type { Clock } from '../../src/application/ports';

/** A clock that only moves when the test says so. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date = new Date('2025-01-15T09:00:00.000Z')) {
    this.current = new Date(start.getTime());
  }

  readonly now = (): Date => new Date(this.current.getTime());

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  /** Sets the clock to `date`. */
  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
}
