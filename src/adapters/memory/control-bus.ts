import type { Task } from 'fp-ts/Task';
import type { ControlBus, ControlListener, ControlMessage } from '../../application/ports';

/** The control channel of a single instance: messages go straight to this process's listeners. */
export class MemoryControlBus implements ControlBus {
  private readonly listeners = new Set<ControlListener>();

  readonly publish =
    (message: ControlMessage): Task<void> =>
    async () => {
      for (const listener of this.listeners) listener(message);
    };

  readonly onMessage = (listener: ControlListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
