/**
 * What the container's modules opened: connections to wait for before serving, and to close on the way
 * down. A module registers both when it opens an adapter, so whoever runs the container never needs to
 * know which adapters hold a connection.
 */
export class Lifecycle {
  private readonly pending: Promise<void>[] = [];
  private readonly closers: (() => Promise<void>)[] = [];

  /** Serving waits for `ready` (a subscription made, a connection up). */
  readonly whenReady = (ready: Promise<void>): void => {
    this.pending.push(ready);
  };

  /** `close` runs when the container is closed. */
  readonly onClose = (close: () => Promise<void>): void => {
    this.closers.push(close);
  };

  /** Settles once everything opened so far is ready. */
  readonly ready = async (): Promise<void> => {
    await Promise.all(this.pending);
  };

  /** Closes everything opened, all at once (each is its own connection). */
  readonly close = async (): Promise<void> => {
    await Promise.all(this.closers.splice(0).map((close) => close()));
  };
}
