import type { Clock } from '../../application/ports';

/** The machine's wall clock. */
export class SystemClock implements Clock {
  readonly now = (): Date => new Date();
}
