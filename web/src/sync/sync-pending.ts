import type { ApiClient } from '../api/client';
import { createBoardStore } from './board-store';
import { SyncEngine } from './engine';
import { openBoards } from './open-board';
import { unsyncedBoards, type KeyValueStorage } from './storage';
import { restTransport } from './transport';

export interface SyncPendingOptions {
  readonly api: ApiClient;
  readonly storage: KeyValueStorage;
  readonly userId: string;
}

/**
 * Tries once to send every change `userId` left unsynced on this device (before logging out): boards
 * open in the page go through their own engine, the others through a short-lived one. Answers how
 * many changes are still waiting (0: all saved).
 */
export const syncPending = async ({ api, storage, userId }: SyncPendingOptions): Promise<number> => {
  const open = openBoards().filter((b) => b.userId === userId);
  await Promise.all(
    unsyncedBoards(storage, userId).map(async ({ teamId, boardId }) => {
      const live = open.find((b) => b.teamId === teamId && b.boardId === boardId);
      if (live) return live.engine.flush();
      const editor = { actor: userId, clientId: `http:${userId}` };
      const store = createBoardStore({ teamId, boardId, editor, storage });
      // A long retry: this is one attempt, not a background job.
      const engine = new SyncEngine(store, restTransport(api, teamId, boardId, userId), { retryMs: 3_600_000 });
      try {
        await engine.start();
      } finally {
        engine.stop();
      }
    }),
  ).catch(() => undefined);
  return unsyncedBoards(storage, userId).reduce((n, b) => n + b.count, 0);
};
