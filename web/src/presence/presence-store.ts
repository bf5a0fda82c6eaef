import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PresenceViewer } from '../../../src/domain/presence';

/** Who is on the open board now, as the server last said (empty while the socket is down). */
export interface PresenceState {
  readonly viewers: readonly PresenceViewer[];
}

export type PresenceStore = StoreApi<PresenceState>;

export const createPresenceStore = (): PresenceStore => createStore<PresenceState>(() => ({ viewers: [] }));

/** The others on the board (the signed-in user's own tabs are not "someone else"). */
export const othersOf = (viewers: readonly PresenceViewer[], me: string): PresenceViewer[] =>
  viewers.filter((v) => v.userId !== me);

/** "Ana", "Ana and Ben", "Ana, Ben and 2 others". */
export const nameList = (names: readonly string[]): string => {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  const rest = names.length - 2;
  return `${names[0]}, ${names[1]} and ${rest} other${rest === 1 ? '' : 's'}`;
};
